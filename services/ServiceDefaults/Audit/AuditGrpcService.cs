using System.Globalization;
using System.Text;
using GenderArchitecture.Audit.V1;
using AuditEventMessage = GenderArchitecture.Audit.V1.AuditEvent;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>The service's own database, for the audit (registered by AddServiceDatabase).</summary>
public sealed record AuditDatabase(DbContext Db);

/// <summary>
/// genderarchitecture.audit.v1.AuditService, the same in every service: the audit newest first with filters and
/// keyset paging (stable while new events arrive), for administrators and oversight boards; and RecordEvent, for
/// what the gateway observes, with a service identity only.
/// </summary>
public sealed class AuditGrpcService(AuditDatabase database, TimeProvider time) : AuditService.AuditServiceBase
{
    private const int DefaultPageSize = 100, MaxPageSize = 1000;

    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.AuditRead);
        var validator = new Validator();
        validator.Require(request.PageSize is >= 0 and <= MaxPageSize, "page_size", $"must be between 0 and {MaxPageSize} (0 for {DefaultPageSize})");
        var after = Cursor.Parse(request.PageToken, validator);
        var from = Time(request.FromTime, "from_time", validator);
        var to = Time(request.ToTime, "to_time", validator);
        if (from is not null && to is not null && to <= from) validator.Add("to_time", "must be after from_time");
        validator.Require(request.Text.Length <= 200, "text", "must be at most 200 characters");
        validator.ThrowIfInvalid();
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;

        var query = database.Db.Set<AuditEvent>().AsNoTracking();
        if (request.Actor.Length > 0) query = query.Where(e => e.Actor == request.Actor);
        if (request.Role.Length > 0) query = query.Where(e => e.Role == request.Role);
        if (request.Action.Length > 0) query = query.Where(e => e.Action == request.Action);
        if (from is { } f) query = query.Where(e => e.OccurredAt >= f);
        if (to is { } t) query = query.Where(e => e.OccurredAt < t);
        if (request.Text.Length > 0)
        {
            var text = request.Text.ToLowerInvariant();
            query = query.Where(e => e.Description.ToLower().Contains(text) || e.Resource.ToLower().Contains(text));
        }
        if (after is { } c) query = query.Where(e => e.OccurredAt < c.At || (e.OccurredAt == c.At && e.Id < c.Id));
        var page = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListAuditEventsResponse();
        response.Events.AddRange(page.Take(size).Select(ToMessage));
        if (page.Count > size) response.NextPageToken = response.Events[^1].Cursor;
        return response;
    }

    public override async Task<RecordEventResponse> RecordEvent(RecordEventRequest request, ServerCallContext context)
    {
        // A service holding the audit scope only (the gateway): a user, or a service granted other scopes, cannot write the trail.
        var caller = context.RequireOperation(Operations.AuditRecord);
        var validator = new Validator();
        validator.RequireText(request.Actor, "actor", AuditSchema.ActorLength).RequireText(request.Action, "action", AuditSchema.ActionLength)
            .Require(request.Role.Length <= AuditSchema.RoleLength, "role", $"must be at most {AuditSchema.RoleLength} characters")
            .Require(request.Resource.Length <= AuditSchema.ResourceLength, "resource", $"must be at most {AuditSchema.ResourceLength} characters")
            .Require(request.Description.Length <= AuditSchema.DescriptionLength, "description", $"must be at most {AuditSchema.DescriptionLength} characters")
            .Require(request.ClientAddress.Length <= AuditSchema.ClientAddressLength, "client_address", $"must be at most {AuditSchema.ClientAddressLength} characters");
        validator.ThrowIfInvalid();

        var entry = new AuditEvent(time.GetUtcNow().UtcDateTime, AuditTrail.ShortName(caller.Name), request.Actor, request.Role, request.Action,
            request.Resource, request.Description, request.ClientAddress.Length > 0 ? request.ClientAddress : AuditTrail.Direct);
        database.Db.Set<AuditEvent>().Add(entry);
        await database.Db.SaveChangesAsync(context.CancellationToken);
        return new RecordEventResponse { Event = ToMessage(entry) };
    }

    private static AuditEventMessage ToMessage(AuditEvent e)
    {
        var at = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc);
        return new()
        {
            Id = e.Id,
            OccurTime = Timestamp.FromDateTime(at),
            Actor = e.Actor,
            Role = e.Role,
            Action = e.Action,
            Resource = e.Resource,
            Description = e.Description,
            ClientAddress = e.ClientAddress,
            Service = e.Service,
            Cursor = new Cursor(at, e.Id).ToString(),
        };
    }

    private static DateTime? Time(Timestamp? value, string field, Validator validator)
    {
        if (value is null) return null;
        try
        {
            return value.ToDateTime();
        }
        catch (InvalidOperationException)
        {
            validator.Add(field, "must be a valid timestamp");
            return null;
        }
    }

    /// <summary>Opaque to callers: the position (time, id) of the last event returned.</summary>
    private sealed record Cursor(DateTime At, long Id)
    {
        public override string ToString() =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes(FormattableString.Invariant($"{At.Ticks}.{Id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor? Parse(string token, Validator validator)
        {
            if (token.Length == 0) return null;
            try
            {
                var padded = token.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
                if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && ticks <= DateTime.MaxValue.Ticks)
                {
                    return new Cursor(new DateTime(ticks, DateTimeKind.Utc), id);
                }
            }
            catch (FormatException) { }
            validator.Add("page_token", "is not a token this service issued");
            return null;
        }
    }
}

public static class AuditEndpoints
{
    /// <summary>Maps the service's AuditService: one line in each service's Program.cs.</summary>
    public static GrpcServiceEndpointConventionBuilder MapAuditService(this IEndpointRouteBuilder app) =>
        app.MapGrpcService<AuditGrpcService>().RequireAuthorization();
}
