using System.Globalization;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>Hand-written mapping between the domain and the messages, and the parsing of cell values.</summary>
internal static class ReportMapping
{
    public const long MaxCount = 1_000_000;

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Form ToMessage(Domain.ReportForm f, IEnumerable<Domain.ValidationRule> rules)
    {
        var form = new Form
        {
            Id = f.Id,
            Name = f.Name,
            PeriodType = (PeriodType)f.PeriodType,
            ElementCount = f.ElementCount,
            DueDays = f.DueDays,
            LockDays = f.LockDays,
            ReportingUnitKind = f.ReportingUnitKind,
            EarlySubmissionDays = f.EarlySubmissionDays,
        };
        form.Elements.AddRange(f.Definition.Elements.Select(e =>
        {
            var element = new DataElement { Id = e.Id, Name = e.Name, Unit = e.Unit ?? "" };
            element.Disaggregations.AddRange(e.DisaggregationsOrEmpty.Select(d => new Disaggregation { CategoryIds = { d } }));
            return element;
        }));
        form.Categories.AddRange(f.Definition.Categories.Select(c => new Category
        {
            Id = c.Id,
            Name = c.Name,
            Options = { c.Options.Select(o => new CategoryOption { Id = o.Id, Name = o.Name }) },
        }));
        form.Rules.AddRange(rules.Select(r => new ValidationRule
        {
            Id = r.Id,
            Description = r.Description,
            Left = { r.LeftTerms },
            Operator = r.Operator,
            Right = { r.RightTerms },
        }));
        return form;
    }

    public static Report ToMessage(Domain.Report r, bool withComment)
    {
        var report = new Report
        {
            Id = r.Id.ToString(),
            FormId = r.FormId,
            StationId = r.StationId,
            PeriodStart = Date(r.PeriodStart),
            PeriodEnd = Date(r.PeriodEnd),
            State = (ReportState)r.State,
            Revision = r.Revision,
            Version = r.Version,
            DueOn = Date(r.DueOn),
            LocksOn = Date(r.LocksOn),
            FirstSubmittedAt = r.FirstSubmittedAt is { } at ? Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            SubmittedOnTime = r.SubmittedOnTime,
            Demonstration = r.IsDemonstration,
            ReviewComment = withComment ? r.ReviewComment ?? "" : "",
            FormVersion = r.FormVersion,
        };
        report.Values.AddRange(r.Values.OrderBy(v => v.ElementId, StringComparer.Ordinal).ThenBy(v => v.CategoryKey, StringComparer.Ordinal)
            .Select(v =>
            {
                var value = new ReportValue { ElementId = v.ElementId, CategoryKey = v.CategoryKey, State = (ValueState)v.State };
                if (v.Number is { } n) value.Number = n;
                return value;
            }));
        report.Warnings.AddRange(r.Warnings);
        return report;
    }

    public static ReportSummary ToSummary(Domain.Report r) => new()
    {
        Id = r.Id.ToString(),
        FormId = r.FormId,
        StationId = r.StationId,
        PeriodStart = Date(r.PeriodStart),
        State = (ReportState)r.State,
        Revision = r.Revision,
        Version = r.Version,
        DueOn = Date(r.DueOn),
        FirstSubmittedAt = r.FirstSubmittedAt is { } at ? Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
        SubmittedOnTime = r.SubmittedOnTime,
        Demonstration = r.IsDemonstration,
        WarningCount = r.Warnings.Count,
    };

    public static ReportEvent ToMessage(Domain.ReportEvent e, bool withReason) => new()
    {
        Sequence = e.Sequence,
        Revision = e.Revision,
        Action = e.Action,
        FromState = (ReportState)e.FromState,
        ToState = (ReportState)e.ToState,
        Actor = e.Actor,
        ActorRole = e.ActorRole,
        At = Timestamp.FromDateTime(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
        Reason = withReason ? e.Reason ?? "" : "",
        Changes = { e.Changes.Select(c => new ValueChange { ElementId = c.ElementId, CategoryKey = c.CategoryKey, Before = c.Before, After = c.After }) },
    };

    /// <summary>
    /// Reads the cells of a request against the form: known element and category key, an explicit state, a count
    /// within range. Every problem is named; nothing but counts can be stored.
    /// </summary>
    public static Dictionary<Domain.CellId, Domain.CellValue> ReadValues(Domain.FormDefinition form, IEnumerable<ReportValue> values, Validator validator)
    {
        var cells = new Dictionary<Domain.CellId, Domain.CellValue>();
        var valid = form.AllCells().Select(c => new Domain.CellId(c.ElementId, c.CategoryKey)).ToHashSet();
        var i = 0;
        foreach (var v in values)
        {
            var field = $"values[{i++}]";
            var cell = new Domain.CellId(v.ElementId, v.CategoryKey);
            if (!valid.Contains(cell))
            {
                validator.Add(field, form.Element(v.ElementId) is null
                    ? $"the form has no element '{v.ElementId}'"
                    : $"the element '{v.ElementId}' has no cell '{v.CategoryKey}'");
                continue;
            }
            if (cells.ContainsKey(cell))
            {
                validator.Add(field, $"the cell {v.ElementId}[{v.CategoryKey}] is given twice");
                continue;
            }
            switch (v.State)
            {
                case ValueState.Number when !v.HasNumber:
                    validator.Add(field, $"the cell {v.ElementId}[{v.CategoryKey}] is a number without a number: send the count (0 if there were none) or mark it not applicable or not available");
                    break;
                case ValueState.Number when v.Number < 0 || v.Number > MaxCount:
                    validator.Add(field, $"a count must be between 0 and {MaxCount}");
                    break;
                case ValueState.Number:
                    cells[cell] = new Domain.CellValue(Domain.ValueState.Number, v.Number);
                    break;
                case ValueState.NotApplicable or ValueState.NotAvailable when v.HasNumber:
                    validator.Add(field, "a cell marked not applicable or not available carries no number");
                    break;
                case ValueState.NotApplicable:
                    cells[cell] = new Domain.CellValue(Domain.ValueState.NotApplicable, null);
                    break;
                case ValueState.NotAvailable:
                    cells[cell] = new Domain.CellValue(Domain.ValueState.NotAvailable, null);
                    break;
                default:
                    validator.Add(field, "state is required: a number, not applicable or not available (leave a cell out to keep it empty)");
                    break;
            }
        }
        return cells;
    }

    public static Guid ReportId(string value, Validator validator) => validator.RequiredGuid(value, "report_id");
}
