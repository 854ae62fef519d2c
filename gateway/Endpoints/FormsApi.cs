using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.ReportingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Form versions: every signed-in role reads them; administrators publish a new version from a period on. The list
/// answers with an <c>ETag</c> (the latest version), and a publication needs it in <c>If-Match</c> with an
/// <c>Idempotency-Key</c>, so two administrators cannot publish over each other unseen.
/// </summary>
public static class FormsApi
{
    public sealed record FormVersionElementDto(string Id, string Name, string[][]? Disaggregations, string? Unit);
    public sealed record FormVersionDto(string FormId, int Version, string? ValidFrom, FormVersionElementDto[] Elements, CategoryDto[] Categories,
        RuleDto[] Rules, string CreatedBy, DateTimeOffset? CreatedAt);
    public sealed record FormVersionsDto(string FormId, FormVersionDto[] Versions, bool SeedDiffers, string? SeedDifference);
    public sealed record PublishFormVersionDto(string? ValidFrom, FormVersionElementDto[]? Elements, CategoryDto[]? Categories, RuleDto[]? Rules);
    public sealed record LeftOutElementDto(string ElementId, string Reason);
    public sealed record FormComparisonDto(int[] Versions, string[] ComparableElementIds, LeftOutElementDto[] LeftOut);

    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting/forms/{formId}").WithTags("Reporting").RequireOperation(Operations.FormsRead);

        group.MapGet("/versions", async Task<Ok<FormVersionsDto>> (FormsService.FormsServiceClient forms, HttpContext http, string formId, CancellationToken ct) =>
            {
                var response = await forms.ListFormVersionsAsync(new ListFormVersionsRequest { FormId = formId }, cancellationToken: ct);
                if (response.Versions.Count > 0) VersionHeaders.SetETag(http.Response, response.Versions[0].Version);
                return TypedResults.Ok(new FormVersionsDto(response.FormId, response.Versions.Select(ToDto).ToArray(), response.SeedDiffers, NullIfEmpty(response.SeedDifference)));
            })
            .WithSummary("The versions of a form, newest first (ETag: the latest), and whether the seed files differ from the latest version.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/versions", async Task<Created<FormVersionDto>> (FormsService.FormsServiceClient forms, HttpContext http, string formId,
                PublishFormVersionDto body, CancellationToken ct) =>
            {
                var request = new PublishFormVersionRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), FormId = formId, ValidFrom = body.ValidFrom ?? "",
                    ExpectedVersion = (int)Math.Clamp(VersionHeaders.IfMatch(http.Request, required: true)!.Value, 0, int.MaxValue),
                };
                request.Elements.AddRange((body.Elements ?? []).Select(e => new DataElement
                {
                    Id = e.Id ?? "", Name = e.Name ?? "", Unit = e.Unit ?? "",
                    Disaggregations = { (e.Disaggregations ?? []).Select(d => new Disaggregation { CategoryIds = { d } }) },
                }));
                request.Categories.AddRange((body.Categories ?? []).Select(c => new Category
                {
                    Id = c.Id ?? "", Name = c.Name ?? "", Options = { (c.Options ?? []).Select(o => new CategoryOption { Id = o.Id ?? "", Name = o.Name ?? "" }) },
                }));
                request.Rules.AddRange((body.Rules ?? []).Select(r => new ValidationRule
                {
                    Id = r.Id ?? "", Description = r.Description ?? "", Left = { r.Left ?? [] }, Operator = r.Operator ?? "", Right = { r.Right ?? [] },
                }));
                var response = await forms.PublishFormVersionAsync(request, cancellationToken: ct);
                VersionHeaders.SetETag(http.Response, response.Version.Version);
                return TypedResults.Created($"/api/v1/reporting/forms/{Uri.EscapeDataString(formId)}/versions", ToDto(response.Version));
            })
            .WithSummary("Publishes a new version of a form from validFrom (the start of a period after the latest version's, with no report yet) " +
                "with its elements, categories and rules (administrators). Every rule term is checked: errors name the rule (rules[id].left[0]).")
            .RequireOperation(Operations.FormsAdminister)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapGet("/comparison", async Task<Ok<FormComparisonDto>> (FormsService.FormsServiceClient forms, string formId, string? periodFrom, string? periodTo,
                CancellationToken ct) =>
            {
                var response = await forms.CompareFormVersionsAsync(new CompareFormVersionsRequest { FormId = formId, PeriodFrom = periodFrom ?? "", PeriodTo = periodTo ?? "" },
                    cancellationToken: ct);
                return TypedResults.Ok(new FormComparisonDto([.. response.Versions], [.. response.ComparableElementIds],
                    response.LeftOut.Select(l => new LeftOutElementDto(l.ElementId, l.Reason)).ToArray()));
            })
            .WithSummary("Which elements mean the same across the form versions in effect from periodFrom to periodTo, and which are left out of figures across them, and why.")
            .ProducesValidationProblem();
        return app;
    }

    private static FormVersionDto ToDto(FormVersion v) => new(v.FormId, v.Version, NullIfEmpty(v.ValidFrom),
        v.Elements.Select(e => new FormVersionElementDto(e.Id, e.Name, e.Disaggregations.Select(d => d.CategoryIds.ToArray()).ToArray(), NullIfEmpty(e.Unit))).ToArray(),
        v.Categories.Select(c => new CategoryDto(c.Id, c.Name, c.Options.Select(o => new CategoryOptionDto(o.Id, o.Name)).ToArray())).ToArray(),
        v.Rules.Select(r => new RuleDto(r.Id, r.Description, [.. r.Left], r.Operator, [.. r.Right])).ToArray(),
        v.CreatedBy, v.CreatedAt?.ToDateTimeOffset());
}
