using System.Text.Json;

namespace GenderArchitecture.Reporting.Domain;

public sealed record ValueChange(string ElementId, string CategoryKey, string Before, string After);

/// <summary>
/// One entry of a report's history: a revision or state change, who made it, when, what changed and why.
/// Append-only: the DbContext refuses to update or delete an entry.
/// </summary>
public sealed class ReportEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ReportEvent() { }

    public ReportEvent(Guid reportId, int revision, string action, ReportState fromState, ReportState toState, Actor actor, DateTime at, string? reason, IReadOnlyList<ValueChange> changes)
    {
        ReportId = reportId;
        Revision = revision;
        Action = action;
        FromState = fromState;
        ToState = toState;
        Actor = actor.Subject;
        ActorRole = actor.Role;
        At = at;
        Reason = reason;
        ChangesJson = changes.Count == 0 ? "[]" : JsonSerializer.Serialize(changes, Json);
    }

    public long Sequence { get; private set; }
    public Guid ReportId { get; private set; }
    public int Revision { get; private set; }
    public string Action { get; private set; } = "";
    public ReportState FromState { get; private set; }
    public ReportState ToState { get; private set; }
    public string Actor { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public DateTime At { get; private set; }
    /// <summary>The return comment, approval comment or correction reason.</summary>
    public string? Reason { get; private set; }
    public string ChangesJson { get; private set; } = "[]";

    public IReadOnlyList<ValueChange> Changes => JsonSerializer.Deserialize<List<ValueChange>>(ChangesJson, Json) ?? [];
}
