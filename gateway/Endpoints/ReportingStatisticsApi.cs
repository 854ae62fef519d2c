using System.Globalization;
using System.Text;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static GenderArchitecture.Gateway.Endpoints.ReportingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Completeness and aggregates for the oversight board, analysts and administrators (reviewers: completeness of
/// their units). The Reporting service protects the figures for audiences without the right to small counts (sums of
/// protected base cells, no station detail); the CSV export carries exactly the same figures and says what they mean.
/// </summary>
public static class ReportingStatisticsApi
{

    public static IEndpointRouteBuilder MapReportingStatisticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting").WithTags("Reporting statistics").RequireAuthorization();

        group.MapGet("/completeness", async Task<Ok<CompletenessDto>> (ReportingService.ReportingServiceClient reporting, string? formId, string? unitId,
                string? periodFrom, string? periodTo, bool? includeInProgress, CancellationToken ct) =>
            {
                var response = await reporting.GetCompletenessAsync(new GetCompletenessRequest
                {
                    FormId = formId ?? "", UnitId = unitId ?? "", PeriodFrom = periodFrom ?? "", PeriodTo = periodTo ?? "",
                    IncludeInProgress = includeInProgress ?? false,
                }, cancellationToken: ct);
                return TypedResults.Ok(new CompletenessDto(response.Periods.Select(ToDto).ToArray(), ToDto(response.Total)));
            })
            .WithSummary("Reports expected (units open in the period only), submitted, on time and approved, per period; never above 100%. Periods that have not ended are left out unless includeInProgress=true (then marked inProgress).")
            .RequireOperation(Operations.CompletenessRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/aggregates", async Task<Ok<AggregatesDto>> (ReportingService.ReportingServiceClient reporting, [AsParameters] AggregateQuery query,
                CancellationToken ct) => TypedResults.Ok(ToDto(await reporting.GetAggregatesAsync(query.ToRequest(), cancellationToken: ct))))
            .WithSummary("Sums of approved values by period, level and category, with trends; each cell says its protection (exact, adjusted, protected, no_data), its coverage (complete, incomplete, no_data: reports of expectedReports) and carries a value only when published. Reporting periods that have not ended are left out unless includeInProgress=true; a point or cell whose period has not ended says inProgress.")
            .RequireOperation(Operations.AggregatesRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/aggregates.csv", async Task<FileContentHttpResult> (ReportingService.ReportingServiceClient reporting, [AsParameters] AggregateQuery query,
                CancellationToken ct) =>
            {
                var response = await reporting.GetAggregatesAsync(query.ToRequest(), cancellationToken: ct);
                var unit = string.IsNullOrEmpty(query.UnitId) ? "national" : query.UnitId;
                var name = $"{query.ElementId}_{unit}_{query.PeriodFrom}_{query.PeriodTo}.csv";
                return TypedResults.File(Csv(response), "text/csv; charset=utf-8", Safe(name));
            })
            .WithSummary("The aggregate table as CSV (period, unit_id, category, value, protection, reports, expected_reports, coverage, in_progress) after a '#' line explaining the figures; protected and no-data values are blank.")
            .RequireOperation(Operations.AggregatesRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    /// <summary>The query string of an aggregate: grouping month|quarter|year, level station|region|institution|total.</summary>
    /// <remarks>Named as on the wire (camelCase, as every parameter and property of the API).</remarks>
    public sealed record AggregateQuery([FromQuery(Name = "formId")] string? FormId, [FromQuery(Name = "elementId")] string? ElementId,
        [FromQuery(Name = "disaggregation")] string? Disaggregation, [FromQuery(Name = "unitId")] string? UnitId,
        [FromQuery(Name = "periodFrom")] string? PeriodFrom, [FromQuery(Name = "periodTo")] string? PeriodTo,
        [FromQuery(Name = "grouping")] string? Grouping, [FromQuery(Name = "level")] string? Level,
        [FromQuery(Name = "publicRelease")] bool? PublicRelease, [FromQuery(Name = "includeInProgress")] bool? IncludeInProgress)
    {
        public GetAggregatesRequest ToRequest() => new()
        {
            FormId = FormId ?? "", ElementId = ElementId ?? "", Disaggregation = Disaggregation ?? "", UnitId = UnitId ?? "",
            PeriodFrom = PeriodFrom ?? "", PeriodTo = PeriodTo ?? "",
            Grouping = Parse(Grouping, PeriodGrouping.Year, "grouping", "month, quarter or year"),
            Level = Parse(Level, AggregateLevel.Total, "level", "station, region, institution or total"),
            PublicRelease = PublicRelease ?? false,
            IncludeInProgress = IncludeInProgress ?? false,
        };

        private static T Parse<T>(string? value, T fallback, string name, string allowed) where T : struct, Enum
        {
            if (string.IsNullOrEmpty(value)) return fallback;
            if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !value.Any(char.IsDigit) && Convert.ToInt32(parsed, CultureInfo.InvariantCulture) != 0) return parsed;
            throw new BadHttpRequestException($"The query parameter '{name}' must be {allowed}.");
        }
    }

    internal static byte[] Csv(GetAggregatesResponse response)
    {
        var method = ToDto(response.Method);
        var csv = new StringBuilder("# ").Append(method.Explanation.Replace('\n', ' '))
            .Append(" protection: exact = true count; adjusted = sum of protected base cells; protected = too small to publish (no value); no_data = no approved report (no value).")
            .Append(" coverage: complete = every expected report included; incomplete = reports of expected_reports only, not comparable with complete figures; no_data = none.")
            .Append(" in_progress: true = the period has not ended, the figure is not final.\n")
            .Append("period,unit_id,category,value,protection,reports,expected_reports,coverage,in_progress\n");
        foreach (var c in ToDto(response).Cells)
        {
            csv.Append(Field(c.Period)).Append(',').Append(Field(c.UnitId ?? "all")).Append(',')
                .Append(Field(c.CategoryKey ?? "total")).Append(',')
                .Append(c.Value?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
                .Append(c.Protection).Append(',').Append(c.Reports.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(c.ExpectedReports.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Coverage).Append(',')
                .Append(c.InProgress ? "true" : "false").Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
