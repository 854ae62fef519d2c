using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using GenderArchitecture.Reporting.V1;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>Form versions between their messages and the domain, by hand.</summary>
internal static class FormVersionMapping
{
    public static FormVersion ToMessage(Domain.FormVersion v)
    {
        var message = new FormVersion
        {
            FormId = v.FormId,
            Version = v.Version,
            ValidFrom = v.ValidFrom == Domain.FormVersion.FromTheStart ? "" : ReportMapping.Date(v.ValidFrom),
            CreatedBy = v.CreatedBy,
            CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc)),
        };
        message.Elements.AddRange(v.Definition.Elements.Select(e => new DataElement
        {
            Id = e.Id, Name = e.Name, Unit = e.Unit ?? "",
            Disaggregations = { e.DisaggregationsOrEmpty.Select(d => new Disaggregation { CategoryIds = { d } }) },
        }));
        message.Categories.AddRange(v.Definition.Categories.Select(c => new Category
        {
            Id = c.Id, Name = c.Name, Options = { c.Options.Select(o => new CategoryOption { Id = o.Id, Name = o.Name }) },
        }));
        message.Rules.AddRange(v.Rules.Select(r => new ValidationRule
        {
            Id = r.Id, Description = r.Description, Left = { r.Left }, Operator = r.Operator, Right = { r.Right },
        }));
        return message;
    }

    public static Domain.FormDefinition Definition(RepeatedField<DataElement> elements, RepeatedField<Category> categories) => new(
        elements.Select(e => new Domain.DataElement(e.Id, e.Name,
            e.Disaggregations.Count == 0 ? null : e.Disaggregations.Select(d => (IReadOnlyList<string>)d.CategoryIds.ToList()).ToList(),
            e.Unit.Length == 0 ? null : e.Unit)).ToList(),
        categories.Select(c => new Domain.Category(c.Id, c.Name, c.Options.Select(o => new Domain.CategoryOption(o.Id, o.Name)).ToList())).ToList());

    public static IReadOnlyList<Domain.RuleDefinition> Rules(RepeatedField<ValidationRule> rules) =>
        rules.Select(r => new Domain.RuleDefinition(r.Id, r.Description, r.Left.ToList(), r.Operator, r.Right.ToList())).ToList();
}
