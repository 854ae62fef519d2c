using System.Globalization;
using System.Text;
using System.Text.Json;
using GenderArchitecture.Audit.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Clients;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// The suite's audit for oversight boards and administrators: each service keeps its own append-only audit; this
/// asks all three, merges newest first and pages with one opaque cursor that remembers where each service stands.
/// A service that does not answer fails the request (503) rather than show an audit with a hole in it.
/// </summary>
public static class AuditApi
{
    internal static readonly string[] Services = ["Structure", "Training", "Reporting"];
    private const int DefaultPageSize = 50, MaxPageSize = 500, MaxExport = 20_000;

    public sealed record AuditEventDto(DateTimeOffset OccurredAt, string Service, string Actor, string Role, string Action,
        string Resource, string Description, string ClientAddress);
    /// <summary>A page as every list of the API gives it: items and the token of the next page (null on the last).</summary>
    public sealed record AuditPageDto(AuditEventDto[] Items, string? NextPageToken);

    /// <summary>The clients: the caller's token for reading each service's audit; the gateway's own for recording.</summary>
    public static IHostApplicationBuilder AddAuditApi(this IHostApplicationBuilder builder)
    {
        foreach (var service in Services)
        {
            builder.AddSuiteGrpcClient<AuditService.AuditServiceClient>(service, AuditService.Descriptor, CallIdentity.ForwardCaller, $"{service}.Audit");
        }
        builder.AddSuiteGrpcClient<AuditService.AuditServiceClient>(GatewayAudit.RecordingService, AuditService.Descriptor, CallIdentity.Service, GatewayAudit.ClientName);
        builder.Services.AddSingleton<GatewayAudit>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Audit").RequireOperation(Operations.AuditRead);

        group.MapGet("/audit", async Task<Results<Ok<AuditPageDto>, ValidationProblem>> ([AsParameters] AuditQuery query, [FromQuery] int? pageSize, [FromQuery] string? pageToken,
                GrpcClientFactory clients, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var request = query.ToRequest(errors);
                var size = pageSize ?? DefaultPageSize;
                if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
                var cursor = MergeCursor.Parse(pageToken, errors);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

                var (events, next) = await PageAsync(clients, request, cursor!, size, ct);
                return TypedResults.Ok(new AuditPageDto(events.Select(ToDto).ToArray(), next?.ToString()));
            })
            .WithSummary("The audit of all services, newest first: filters actor, role, action, from, to (ISO 8601), text; pageSize and pageToken (the nextPageToken of the page before).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/audit.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> ([AsParameters] AuditQuery query, GrpcClientFactory clients, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var request = query.ToRequest(errors);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

                var rows = new List<AuditEvent>();
                MergeCursor? cursor = MergeCursor.Start;
                while (cursor is not null)
                {
                    (var page, cursor) = await PageAsync(clients, request, cursor, MaxPageSize, ct);
                    rows.AddRange(page);
                    if (rows.Count > MaxExport)
                    {
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                        {
                            ["from"] = [$"more than {MaxExport} events match; narrow the period or the other filters"],
                        });
                    }
                }
                return TypedResults.File(Csv(rows), "text/csv; charset=utf-8", "audit.csv");
            })
            .WithSummary("The filtered audit as CSV (all pages, at most 20,000 rows).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>The filters of the audit (the list pages with pageSize and pageToken; the CSV export takes every page).</summary>
    /// <remarks>Named as on the wire (camelCase, as every parameter and property of the API).</remarks>
    public sealed record AuditQuery([FromQuery(Name = "actor")] string? Actor, [FromQuery(Name = "role")] string? Role,
        [FromQuery(Name = "action")] string? Action, [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "text")] string? Text)
    {
        public ListAuditEventsRequest ToRequest(Dictionary<string, string[]> errors)
        {
            var request = new ListAuditEventsRequest { Actor = Actor ?? "", Role = Role ?? "", Action = Action ?? "", Text = Text ?? "" };
            if (Time(From, "from", errors) is { } from) request.FromTime = from;
            if (Time(To, "to", errors) is { } to) request.ToTime = to;
            if (request.Text.Length > 200) errors["text"] = ["must be at most 200 characters"];
            return request;
        }

        /// <summary>A date (yyyy-MM-dd, midnight UTC) or a date and time with an offset.</summary>
        private static Timestamp? Time(string? value, string field, Dictionary<string, string[]> errors)
        {
            if (string.IsNullOrEmpty(value)) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            {
                return Timestamp.FromDateTimeOffset(t);
            }
            errors[field] = ["must be an ISO 8601 date or date and time, e.g. 2026-12-01 or 2026-12-01T09:30:00Z"];
            return null;
        }
    }

    /// <summary>
    /// One page of the merged audit. Each service is asked for up to <paramref name="size"/> events after its own
    /// position; the newest <paramref name="size"/> of them all are returned, and each service's position moves to
    /// the last of its events that made the page - so nothing is skipped or repeated on the next page.
    /// </summary>
    private static async Task<(List<AuditEvent> Events, MergeCursor? Next)> PageAsync(GrpcClientFactory clients, ListAuditEventsRequest filter,
        MergeCursor cursor, int size, CancellationToken ct)
    {
        var pending = Services.Where(s => !cursor.Done.Contains(s)).Select(async service =>
        {
            var request = filter.Clone();
            request.PageSize = size;
            request.PageToken = cursor.Positions.GetValueOrDefault(service, "");
            var client = clients.CreateClient<AuditService.AuditServiceClient>($"{service}.Audit");
            return (Service: service, Page: await client.ListAuditEventsAsync(request, cancellationToken: ct));
        }).ToList();
        var answers = await Task.WhenAll(pending);

        var merged = answers
            .SelectMany(a => a.Page.Events.Select((e, i) => (a.Service, Event: e, Index: i)))
            .OrderByDescending(x => x.Event.OccurTime.ToDateTime())
            .ThenBy(x => Array.IndexOf(Services, x.Service))
            .ThenBy(x => x.Index)
            .Take(size)
            .ToList();

        var positions = new Dictionary<string, string>(cursor.Positions);
        var done = new HashSet<string>(cursor.Done);
        foreach (var (service, page) in answers)
        {
            var taken = merged.Where(x => x.Service == service).Select(x => x.Event).ToList();
            if (taken.Count > 0) positions[service] = taken[^1].Cursor;
            if (taken.Count == page.Events.Count && page.NextPageToken.Length == 0) done.Add(service);
        }
        var next = done.Count == Services.Length ? null : new MergeCursor(positions, done);
        return (merged.Select(x => x.Event).ToList(), next);
    }

    private static AuditEventDto ToDto(AuditEvent e) =>
        new(e.OccurTime.ToDateTimeOffset(), e.Service, e.Actor, e.Role, e.Action, e.Resource, e.Description, e.ClientAddress);

    internal static byte[] Csv(IEnumerable<AuditEvent> events)
    {
        var csv = new StringBuilder("occurred_at,service,actor,role,action,resource,description,client_address\n");
        foreach (var e in events)
        {
            csv.Append(e.OccurTime.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                .AppendJoin(',', new[] { e.Service, e.Actor, e.Role, e.Action, e.Resource, e.Description, e.ClientAddress }.Select(Field)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Quoted where needed; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>Where each service's audit stands; opaque to clients (base64url JSON of the services' own tokens).</summary>
    private sealed record MergeCursor(Dictionary<string, string> Positions, HashSet<string> Done)
    {
        public static MergeCursor Start => new([], []);

        public override string ToString() =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new State(Positions, Done.ToArray()))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static MergeCursor? Parse(string? value, Dictionary<string, string[]> errors)
        {
            if (string.IsNullOrEmpty(value)) return Start;
            try
            {
                var padded = value.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                if (JsonSerializer.Deserialize<State>(Convert.FromBase64String(padded)) is { P: not null, D: not null } state
                    && state.P.Keys.Concat(state.D).All(Services.Contains))
                {
                    return new MergeCursor(state.P, state.D.ToHashSet());
                }
            }
            catch (Exception e) when (e is FormatException or JsonException) { }
            errors["pageToken"] = ["is not a page token this API issued"];
            return null;
        }

        private sealed record State(Dictionary<string, string> P, string[] D);
    }
}

/// <summary>Records what only the gateway observes (unusual query volume) in Reporting's audit, with the gateway's identity.</summary>
public sealed class GatewayAudit(GrpcClientFactory clients, ILogger<GatewayAudit> logger)
{
    /// <summary>Reporting holds the statistics that most reads are for; its audit takes the gateway's events.</summary>
    public const string RecordingService = "Reporting";
    public const string ClientName = "Gateway.AuditRecorder";

    public async Task RecordAsync(string actor, string role, string action, string resource, string description, string clientAddress, CancellationToken ct)
    {
        try
        {
            await clients.CreateClient<AuditService.AuditServiceClient>(ClientName).RecordEventAsync(new RecordEventRequest
            {
                // A caller chooses the path it is refused on: a long one must still be recorded (the audit keeps 300 characters).
                Actor = actor, Role = role, Action = action, Resource = resource.Length > 300 ? resource[..299] + "…" : resource,
                Description = description.Length > 1000 ? description[..999] + "…" : description, ClientAddress = clientAddress,
            }, cancellationToken: ct);
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or OperationCanceledException)
        {
            // The caller is throttled either way; losing the event must at least be loud.
            logger.LogError(e, "AUDIT could not record {Action} of {Actor} ({Role}) from {Address}: {Description}", action, actor, role, clientAddress, description);
        }
    }
}
