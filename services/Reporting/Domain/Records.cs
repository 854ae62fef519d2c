namespace GenderArchitecture.Reporting.Domain;

/// <summary>
/// The first answer to a write, kept under the caller's client request id: a retry gets the same answer and writes
/// nothing; the same id with another payload (a different hash) is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public IdempotencyRecord(string caller, string clientRequestId, string operation, string payloadHash, byte[] response, DateTime createdAt)
    {
        Caller = caller;
        ClientRequestId = clientRequestId;
        Operation = operation;
        PayloadHash = payloadHash;
        Response = response;
        CreatedAt = createdAt;
    }

    public string Caller { get; private set; } = "";
    public string ClientRequestId { get; private set; } = "";
    public string Operation { get; private set; } = "";
    public string PayloadHash { get; private set; } = "";
    public byte[] Response { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
}

/// <summary>
/// One approved cell, kept up to date when a report is approved (and removed when it is corrected): the summary
/// that station-level and subtree aggregates read instead of every report.
/// </summary>
public sealed class ApprovedCell
{
    public Guid ReportId { get; set; }
    public string FormId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string CategoryKey { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public string StationId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string InstitutionId { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// A base cell: approved values summed per form, element, category, period and region, updated on approval, with the
/// number of contributing reports and the protected value oversight reads (null: withheld, see BaseCellProtection).
/// </summary>
public sealed class ApprovedTotal
{
    public string FormId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string CategoryKey { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public string InstitutionId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public long Value { get; set; }
    public int Reports { get; set; }
    public long? ProtectedValue { get; set; }
}
