using GenderArchitecture.Reporting.Data;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Idempotency;
using Google.Protobuf;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>
/// Reporting's writes under the suite's write contract (<see cref="IdempotentWrites{TContext}"/>): the key is the
/// request's client_request_id (required: the gateway fills it from Idempotency-Key), and the canonical request is
/// the message without it. The transaction opens before the write, because approvals and corrections also change the
/// summary tables with plain SQL ahead of SaveChanges. No process lock: the database decides between racing copies.
/// </summary>
public sealed class IdempotentWrites(IdempotentWrites<ReportingDbContext> writes)
{
    public Task<TResponse> RunAsync<TRequest, TResponse>(Caller caller, string operation, TRequest request,
        Func<Task<TResponse>> write, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest> where TResponse : class, IMessage<TResponse>, new()
    {
        var field = request.Descriptor.FindFieldByName("client_request_id")
            ?? throw new InvalidOperationException($"{request.Descriptor.Name} has no client_request_id.");
        var key = (string)field.Accessor.GetValue(request);
        var payload = request.Clone();
        field.Accessor.SetValue(payload, "");
        return writes.RunAsync(caller, key, operation, payload, write, cancellationToken, TransactionStart.Immediately);
    }
}
