using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace GenderArchitecture.ServiceDefaults.Errors;

/// <summary>
/// Builds <see cref="RpcException"/>s in the rich error model (google.rpc.Status with typed details),
/// so every client, the gateway included, can tell which field, rule or version was at fault.
/// </summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>
    /// How many violations an error names. The rich error travels in the gRPC trailers, which a client refuses past a
    /// few kilobytes (the call then fails as Unavailable, 503): a body with thousands of invalid cells must still be a
    /// 400, so the first violations are named and all of them counted.
    /// </summary>
    public const int MaxViolations = 50;
    private const int MaxText = 200;

    public static RpcException InvalidArgument(IReadOnlyCollection<FieldViolation> violations)
    {
        var named = violations.Take(MaxViolations).Select(v => new FieldViolation(Cut(v.Field), Cut(v.Description))).ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(named.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var listed = string.Join("; ", named.Select(v => $"{v.Field}: {v.Description}"));
        if (listed.Length > 2000) listed = listed[..2000] + "…";
        var message = violations.Count == 1
            ? listed
            : $"{violations.Count} fields are invalid" + (violations.Count > MaxViolations ? $" (the first {MaxViolations} are named)" : "") + $": {listed}";
        var count = new ErrorInfo
        {
            Reason = "FIELD_VIOLATIONS", Domain = "genderarchitecture",
            Metadata = { ["violation_count"] = violations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return new Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest), Any.Pack(count) } }.ToRpcException();
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText] + "…";

    public static RpcException NotFound(string resourceType, string resourceName) =>
        Build(Code.NotFound, $"{resourceType} '{resourceName}' was not found.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    /// <summary>
    /// A record outside the caller's scope, named by its id: answered as <see cref="NotFound"/> itself (same status,
    /// message and details), so an id tells nobody what exists beyond their scope - no existence oracle. A refusal of
    /// a scope the caller named (a station or institution in the request) stays <see cref="PermissionDenied"/>. The
    /// service's audit still records this one as a refusal (<see cref="Audit.AuditRefusalsInterceptor"/>).
    /// </summary>
    public static RpcException OutOfScope(ServerCallContext context, string resourceType, string resourceName)
    {
        context.UserState[HiddenRefusal] = true;
        return NotFound(resourceType, resourceName);
    }

    /// <summary>Marks a call whose NOT_FOUND hides an out-of-scope record (see <see cref="OutOfScope"/>).</summary>
    public static readonly object HiddenRefusal = new();

    public static RpcException AlreadyExists(string resourceType, string resourceName, string? description = null) =>
        Build(Code.AlreadyExists, description ?? $"{resourceType} '{resourceName}' already exists.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = description ?? "" });

    /// <summary>A business rule refused the request; <paramref name="type"/> names the rule.</summary>
    public static RpcException FailedPrecondition(string type, string subject, string description)
    {
        var failure = new PreconditionFailure();
        failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description });
        return Build(Code.FailedPrecondition, description, failure);
    }

    /// <summary>An optimistic-concurrency clash: the caller's version is stale; the current one is returned.</summary>
    public static RpcException Aborted(string resourceType, string resourceName, long currentVersion) =>
        Build(Code.Aborted,
            $"{resourceType} '{resourceName}' was changed by someone else; the current version is {currentVersion}.",
            new ErrorInfo
            {
                Reason = "VERSION_CONFLICT",
                Domain = "genderarchitecture",
                Metadata = { ["resource_type"] = resourceType, ["resource_name"] = resourceName, ["current_version"] = currentVersion.ToString() },
            });

    public static RpcException PermissionDenied(string description) =>
        Build(Code.PermissionDenied, description, new ErrorInfo { Reason = "OUT_OF_SCOPE", Domain = "genderarchitecture" });

    public static RpcException Unauthenticated(string description) =>
        Build(Code.Unauthenticated, description, new ErrorInfo { Reason = "UNAUTHENTICATED", Domain = "genderarchitecture" });

    public static RpcException Unavailable(string service, string description) =>
        Build(Code.Unavailable, description, new ErrorInfo { Reason = "DEPENDENCY_UNAVAILABLE", Domain = "genderarchitecture", Metadata = { ["service"] = service } });

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage detail) =>
        new Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } }.ToRpcException();
}

public sealed record FieldViolation(string Field, string Description);

/// <summary>Collects field violations so a request is checked whole and refused once, with every problem named.</summary>
public sealed class Validator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;
    public IReadOnlyList<FieldViolation> Violations => _violations;

    public Validator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    public Validator Require(bool condition, string field, string description)
    {
        if (!condition) Add(field, description);
        return this;
    }

    public Validator RequireText(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "must not be empty");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        return this;
    }

    /// <summary>
    /// Parses an ISO date (yyyy-MM-dd) within the suite's calendar (<see cref="SuiteDates"/>); an empty value is null,
    /// a malformed or out-of-range one a violation.
    /// </summary>
    public DateOnly? OptionalDate(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (SuiteDates.TryParse(value, out var date, out var problem)) return date;
        Add(field, problem!);
        return null;
    }

    public DateOnly RequiredDate(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required (yyyy-MM-dd)");
            return default;
        }
        return OptionalDate(value, field) ?? default;
    }

    public Guid RequiredGuid(string? value, string field)
    {
        if (Guid.TryParse(value, out var id)) return id;
        Add(field, string.IsNullOrEmpty(value) ? "is required" : "must be a UUID");
        return Guid.Empty;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw RpcErrors.InvalidArgument(_violations);
    }
}
