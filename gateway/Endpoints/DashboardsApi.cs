using System.Diagnostics;
using GenderArchitecture.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.ProtectedFigureDtos;
using ReportingV1 = GenderArchitecture.Reporting.V1;
using StructureV1 = GenderArchitecture.Structure.V1;
using TrainingV1 = GenderArchitecture.Training.V1;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// One document per institution for oversight boards: structure, training and reporting sections fetched in
/// parallel. Each section carries its own status, so one slow or stopped service leaves the others complete and
/// the answer is still a 200 within the dashboard's deadline. Suppression of small counts is the Reporting
/// service's decision for the caller's role (the caller's token is forwarded).
/// </summary>
public static class DashboardsApi
{
    public sealed record Section<T>(string Status, string? Message, int ElapsedMs, T? Data) where T : class;

    /// <param name="To">The last day covered, never after today: point-in-time figures (composition, certificates) are as of this day.</param>
    /// <param name="Sections">The sections that apply to this institution (<see cref="DashboardScope"/>); the page shows only these.</param>
    public sealed record DashboardDto(string Institution, string? InstitutionName, string? InstitutionType, string From, string To,
        DateTimeOffset GeneratedAt, string[] Sections, Section<StructureSection> Structure, Section<TrainingSection> Training, Section<ReportingSection> Reporting);

    /// <param name="CompositionNote">Set when the composition shown is not the unit's own: readers without exact access get it for whole institutions only.</param>
    /// <param name="Coverage">Null where no station is open in the period (no focal points are appointed there).</param>
    public sealed record StructureSection(CompositionDto? Composition, string? CompositionNote, UnitRefDto[] Regions, CoverageDto? Coverage,
        RegionCoverageDto[] CoverageByRegion, BodyActivityDto[] Bodies);
    public sealed record UnitRefDto(string Id, string Name);
    public sealed record CompositionDto(FigureDto Total, FigureDto Women, FigureDto Men, double? WomenSharePercent, FigureDto SeniorTotal,
        FigureDto SeniorWomen, double? SeniorWomenSharePercent, RankBandDto[] ByRankBand, ProtectionMethodDto? ProtectionMethod,
        JudicialRoleDto[] JudicialRoles);
    /// <summary>Judges or prosecutors (the judiciary only): women, men and communities, protected as the composition is.</summary>
    public sealed record JudicialRoleDto(string Role, FigureDto Total, FigureDto Women, FigureDto Men, double? WomenSharePercent, StructureDtos.CommunityDto[] Communities);
    public sealed record RankBandDto(string RankBand, FigureDto Women, FigureDto Men, double? WomenSharePercent);
    public sealed record CoverageDto(int StationsActive, int StationsWithFocalPoint, int StationsFullyCovered, double CoveragePercent, int VacancyDays);
    public sealed record RegionCoverageDto(string UnitId, string Name, int StationsActive, int StationsWithFocalPoint, double CoveragePercent);
    public sealed record BodyActivityDto(string Id, string Name, string Kind, int MeetingsPlanned, int MeetingsHeld, int MeetingsQuorumMet,
        int DecisionsTotal, int ActionsTotal, int ActionsDone, int ActionsOverdue);

    public sealed record TrainingSection(ComplianceDto Overall, CurriculumComplianceDto[] Curricula, RegionComplianceDto[] ByRegion,
        double? TrainingHoursPerOfficer, FigureDto QualifiedTrainers, double? TraineesPerTrainer, ProtectionMethodDto? ProtectionMethod);
    public sealed record ComplianceDto(FigureDto Required, FigureDto Valid, FigureDto Expiring, FigureDto Expired, FigureDto NeverTrained, double? SharePercent);
    public sealed record CurriculumComplianceDto(string Code, string Title, ComplianceDto Compliance);
    public sealed record RegionComplianceDto(string UnitId, string Name, ComplianceDto Compliance);

    /// <param name="PeriodsInProgress">Periods of the series not yet ended on the day of the answer: their figures are not final.</param>
    public sealed record ReportingSection(string FormId, string Grouping, SeriesDto[] Series, string[] PeriodsInProgress, CompletenessDto[] Completeness,
        CompletenessDto? CompletenessTotal);
    /// <summary>A reporting series: the same figures as the aggregates API for the caller (protected view for oversight).</summary>
    public sealed record SeriesDto(string ElementId, string Label, bool Exact, ReportingDtos.MethodDto Method, ReportingDtos.TrendPointDto[] Points);
    public sealed record CompletenessDto(string PeriodStart, int Expected, int Submitted, int SubmittedOnTime, int Approved,
        double SubmittedPercent, double OnTimePercent, double ApprovedPercent, bool InProgress);

    public static IEndpointRouteBuilder MapDashboardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dashboards/{institution}", GetDashboard)
            .WithTags("Dashboards")
            .WithSummary("An institution's dashboard for a period: structure, training and reporting sections, each with its own status.")
            .RequireOperation(Operations.DashboardsRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<DashboardDto>, ValidationProblem>> GetDashboard(string institution, string? from, string? to,
        StructureV1.StructureService.StructureServiceClient structure, TrainingV1.TrainingService.TrainingServiceClient training,
        ReportingV1.ReportingService.ReportingServiceClient reporting, IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = DashboardScope.End(ParseDate(to, "to", errors), today);
        var start = ParseDate(from, "from", errors) ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        if (errors.Count == 0 && start > end) errors["from"] = [end == today ? "must not be after today: a dashboard shows what has happened" : "must not be after 'to'"];
        if (errors.Count == 0 && end.DayNumber - start.DayNumber > 366 * 10) errors["from"] = ["the period may span at most ten years"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var deadline = configuration.GetValue("Dashboards:Deadline", TimeSpan.FromSeconds(8));
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        overall.CancelAfter(deadline);
        var token = overall.Token;
        var callDeadline = DateTime.UtcNow + deadline;
        var (fromText, toText) = (start.ToString("yyyy-MM-dd"), end.ToString("yyyy-MM-dd"));

        // The institution's type picks the report form (courts report quarterly); if Structure cannot say, the
        // station form is assumed and the structure section says why it is missing.
        var unitTask = structure.GetOrganisationUnitAsync(new() { Id = institution }, deadline: callDeadline, cancellationToken: token).ResponseAsync;
        StructureV1.OrganisationUnit? unit = null;
        var institutionType = StructureV1.InstitutionType.Unspecified;
        bool? hasStations = null, hasCourts = null;
        try
        {
            unit = (await unitTask).Unit;
            var stations = AnyUnitAsync(structure, institution, StructureV1.OrganisationUnitKind.Station, fromText, toText, callDeadline, token);
            var courts = AnyUnitAsync(structure, institution, StructureV1.OrganisationUnitKind.Court, fromText, toText, callDeadline, token);
            // A region's dashboard takes its report form from the institution it belongs to.
            institutionType = unit.Kind == StructureV1.OrganisationUnitKind.Institution
                ? unit.InstitutionType
                : (await structure.GetOrganisationUnitAsync(new() { Id = unit.InstitutionId }, deadline: callDeadline, cancellationToken: token)).Unit.InstitutionType;
            (hasStations, hasCourts) = (await stations, await courts);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.NotFound)
        {
            // An unknown institution is a 404; any other failure is reported through the structure section below.
        }

        // Which sections apply comes from the register: when Structure cannot say, every section is tried and shows its own status.
        var courtsReport = institutionType == StructureV1.InstitutionType.Judiciary;
        var sections = DashboardScope.Sections(hasStations ?? true, (courtsReport ? hasCourts : hasStations) ?? true, courtsReport);
        var reports = sections.Contains(DashboardScope.Reporting);
        var structureTask = Run(() => StructureSectionAsync(structure, institution, unit?.InstitutionId, unit?.Name, fromText, toText,
            sections.Contains(DashboardScope.FocalPointCoverage), callDeadline, token), token);
        var trainingTask = Run(() => TrainingSectionAsync(training, structure, institution, toText, callDeadline, token), token);
        var reportingTask = reports
            ? Run(() => ReportingSectionAsync(reporting, courtsReport, institution, start, end, callDeadline, token), token)
            : Task.FromResult(new Section<ReportingSection>("not_applicable", $"{unit?.Name ?? institution} has no reporting units: no station or court reports are expected.", 0, null));
        await Task.WhenAll(structureTask, trainingTask, reportingTask);

        return TypedResults.Ok(new DashboardDto(institution, unit?.Name, institutionType == StructureV1.InstitutionType.Unspecified ? null : StructureDtos.Name(institutionType), fromText, toText,
            time.GetUtcNow(), sections, structureTask.Result, trainingTask.Result, reportingTask.Result));
    }

    /// <summary>Whether any unit of the kind under <paramref name="root"/> is open at some time in the period.</summary>
    private static async Task<bool> AnyUnitAsync(StructureV1.StructureService.StructureServiceClient structure, string root, StructureV1.OrganisationUnitKind kind,
        string from, string to, DateTime deadline, CancellationToken ct)
    {
        var units = await structure.ListOrganisationUnitsAsync(new() { RootId = root, Kind = kind, ActiveFrom = from, ActiveTo = to, PageSize = 1 },
            deadline: deadline, cancellationToken: ct);
        return units.Units.Count > 0;
    }

    /// <summary>Runs one section and turns its failure into a status instead of an error for the whole dashboard.</summary>
    private static async Task<Section<T>> Run<T>(Func<Task<T>> load, CancellationToken overall) where T : class
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var data = await load();
            return new("ok", null, (int)clock.ElapsedMilliseconds, data);
        }
        catch (RpcException e)
        {
            var status = e.StatusCode switch
            {
                StatusCode.Unavailable => "unavailable",
                StatusCode.DeadlineExceeded => "timeout",
                StatusCode.Cancelled when overall.IsCancellationRequested => "timeout",
                StatusCode.PermissionDenied or StatusCode.Unauthenticated => "forbidden",
                StatusCode.NotFound => "not_found",
                _ => "error",
            };
            var message = status == "error" ? "The service could not answer." : e.Status.Detail;
            return new(status, message, (int)clock.ElapsedMilliseconds, null);
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            return new("timeout", "The service did not answer within the dashboard's deadline.", (int)clock.ElapsedMilliseconds, null);
        }
    }

    private static async Task<StructureSection> StructureSectionAsync(StructureV1.StructureService.StructureServiceClient structure,
        string institution, string? institutionOfUnit, string? unitName, string from, string to, bool withCoverage, DateTime deadline, CancellationToken ct)
    {
        var composition = CompositionAsync(structure, institution, institutionOfUnit, unitName, to, deadline, ct);
        var coverage = withCoverage
            ? structure.GetFocalPointCoverageAsync(new() { RootUnitId = institution, From = from, To = to }, deadline: deadline, cancellationToken: ct).ResponseAsync
            : Task.FromResult(new StructureV1.GetFocalPointCoverageResponse());
        var regions = structure.ListOrganisationUnitsAsync(new()
        {
            RootId = institution, Kind = StructureV1.OrganisationUnitKind.Region, ActiveFrom = from, ActiveTo = to, PageSize = 100,
        }, deadline: deadline, cancellationToken: ct).ResponseAsync;
        var bodies = structure.ListGenderBodiesAsync(new() { RootUnitId = institution, PageSize = 50 }, deadline: deadline, cancellationToken: ct).ResponseAsync;
        await Task.WhenAll(composition, coverage, regions, bodies);

        var regionCoverage = !withCoverage ? [] : await Task.WhenAll((await regions).Units.Select(async region =>
        {
            var c = await structure.GetFocalPointCoverageAsync(new() { RootUnitId = region.Id, From = from, To = to }, deadline: deadline, cancellationToken: ct);
            return new RegionCoverageDto(region.Id, region.Name, c.StationsActive, c.StationsWithFocalPoint, c.CoveragePercent);
        }));
        var activity = await Task.WhenAll((await bodies).Bodies.Select(async body =>
        {
            var a = await structure.GetBodyActivityAsync(new() { BodyId = body.Id, From = from, To = to }, deadline: deadline, cancellationToken: ct);
            return new BodyActivityDto(body.Id, body.Name, StructureDtos.Name(body.Kind), a.MeetingsPlanned, a.MeetingsHeld, a.MeetingsQuorumMet,
                a.Decisions.Sum(d => d.Count), a.ActionsTotal, a.ActionsDone, a.ActionsOverdue);
        }));

        var (comp, note) = await composition;
        var cov = withCoverage ? await coverage : null;
        return new StructureSection(comp is null ? null : ToDto(comp), note, (await regions).Units.Select(r => new UnitRefDto(r.Id, r.Name)).ToArray(),
            cov is null ? null : new CoverageDto(cov.StationsActive, cov.StationsWithFocalPoint, cov.StationsFullyCovered, cov.CoveragePercent, cov.Stations.Sum(s => s.VacancyDays)),
            regionCoverage, activity);
    }

    /// <summary>
    /// The unit's composition; for readers who get protected figures and a unit below an institution, which Structure
    /// refuses, the institution's, with a note saying so.
    /// </summary>
    private static async Task<(StructureV1.GetCompositionResponse?, string?)> CompositionAsync(StructureV1.StructureService.StructureServiceClient structure,
        string unitId, string? institutionId, string? unitName, string on, DateTime deadline, CancellationToken ct)
    {
        try
        {
            return (await structure.GetCompositionAsync(new() { RootUnitId = unitId, OnDate = on }, deadline: deadline, cancellationToken: ct), null);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && institutionId is { Length: > 0 } && institutionId != unitId)
        {
            var whole = await structure.GetCompositionAsync(new() { RootUnitId = institutionId, OnDate = on }, deadline: deadline, cancellationToken: ct);
            return (whole, $"Composition is published for whole institutions only: the figures below are those of '{institutionId}', not of {unitName ?? unitId} alone.");
        }
    }

    /// <summary>Women's share by band from the published counts only: a share of protected counts would give them away.</summary>
    private static CompositionDto ToDto(StructureV1.GetCompositionResponse c)
    {
        var bands = c.Cells.GroupBy(x => x.RankBand).Where(g => g.Key != StructureV1.RankBand.Unspecified).Select(g =>
        {
            var women = g.FirstOrDefault(x => x.Sex == StructureV1.Sex.Female)?.Count;
            var men = g.FirstOrDefault(x => x.Sex == StructureV1.Sex.Male)?.Count;
            double? share = women is { HasValue: true } w && men is { HasValue: true } m && w.Value + m.Value > 0
                ? Math.Round(100.0 * w.Value / (w.Value + m.Value), 1) : null;
            return new RankBandDto(StructureDtos.Name(g.Key), StructureDtos.ToDto(women), StructureDtos.ToDto(men), share);
        }).ToArray();
        return new CompositionDto(StructureDtos.ToDto(c.Total), StructureDtos.ToDto(c.Women), StructureDtos.ToDto(c.Men),
            c.HasWomenSharePercent ? c.WomenSharePercent : null, StructureDtos.ToDto(c.SeniorTotal), StructureDtos.ToDto(c.SeniorWomen),
            c.HasSeniorWomenSharePercent ? c.SeniorWomenSharePercent : null, bands, ProtectedFigureDtos.ToDto(c.ProtectionMethod),
            [.. c.JudicialRoles.Select(r => new JudicialRoleDto(StructureDtos.Name(r.Role), StructureDtos.ToDto(r.Total), StructureDtos.ToDto(r.Women),
                StructureDtos.ToDto(r.Men), r.HasWomenSharePercent ? r.WomenSharePercent : null,
                [.. r.Communities.Select(x => new StructureDtos.CommunityDto(x.Community, StructureDtos.ToDto(x.Women), StructureDtos.ToDto(x.Men)))]))]);
    }

    private static async Task<TrainingSection> TrainingSectionAsync(TrainingV1.TrainingService.TrainingServiceClient training,
        StructureV1.StructureService.StructureServiceClient structure, string institution, string on, DateTime deadline, CancellationToken ct)
    {
        // One answer for the institution and its regions: made of the same cells at the same moment, the regions add up
        // to the institution (asked one by one, each could see the register at another moment).
        var compliance = training.GetComplianceAsync(new() { RootUnitId = institution, OnDate = on }, deadline: deadline, cancellationToken: ct).ResponseAsync;
        var regions = await structure.ListOrganisationUnitsAsync(new()
        {
            RootId = institution, Kind = StructureV1.OrganisationUnitKind.Region, ActiveOn = on, PageSize = 100,
        }, deadline: deadline, cancellationToken: ct);
        var all = await compliance;
        var counts = all.Regions.ToDictionary(r => r.RegionId, r => r.Counts);
        var byRegion = regions.Units.Where(region => counts.ContainsKey(region.Id))
            .Select(region => new RegionComplianceDto(region.Id, region.Name, ToDto(counts[region.Id]))).ToArray();
        return new TrainingSection(ToDto(all.Overall),
            all.Curricula.Select(c => new CurriculumComplianceDto(c.CurriculumCode, c.CurriculumTitle, ToDto(c.Total))).ToArray(),
            byRegion, all.HasTrainingHoursPerOfficer ? all.TrainingHoursPerOfficer : null, TrainingDtos.ToDto(all.QualifiedTrainers),
            all.HasTraineesPerTrainer ? all.TraineesPerTrainer : null, ProtectedFigureDtos.ToDto(all.ProtectionMethod));
    }

    private static ComplianceDto ToDto(TrainingV1.ComplianceCounts c) =>
        new(TrainingDtos.ToDto(c.Required), TrainingDtos.ToDto(c.Valid), TrainingDtos.ToDto(c.Expiring), TrainingDtos.ToDto(c.Expired),
            TrainingDtos.ToDto(c.NeverTrained), c.HasShareCompliant ? Math.Round(c.ShareCompliant * 100, 1) : null);

    private static async Task<ReportingSection> ReportingSectionAsync(ReportingV1.ReportingService.ReportingServiceClient reporting,
        bool courts, string institution, DateOnly from, DateOnly to, DateTime deadline, CancellationToken ct)
    {
        var (formId, grouping, elements) = courts
            ? ("court-quarterly", ReportingV1.PeriodGrouping.Quarter, new[] { ("dv-cases-received", "Domestic violence cases received"), ("thb-cases-received", "Trafficking cases received") })
            : ("station-monthly", ReportingV1.PeriodGrouping.Month, new[] { ("dv-cases-reported", "Domestic violence cases reported"), ("thb-cases-identified", "Trafficking cases identified") });
        // Periods are addressed by their first day.
        var periodFrom = courts ? new DateOnly(from.Year, (from.Month - 1) / 3 * 3 + 1, 1) : new DateOnly(from.Year, from.Month, 1);
        var periodTo = courts ? new DateOnly(to.Year, (to.Month - 1) / 3 * 3 + 1, 1) : new DateOnly(to.Year, to.Month, 1);
        var (pf, pt) = (periodFrom.ToString("yyyy-MM-dd"), periodTo.ToString("yyyy-MM-dd"));

        // The dashboard shows the period in progress too, marked as such (Reporting leaves it out unless asked).
        var series = elements.Select(async e =>
        {
            var a = await reporting.GetAggregatesAsync(new()
            {
                FormId = formId, ElementId = e.Item1, UnitId = institution, PeriodFrom = pf, PeriodTo = pt,
                Grouping = grouping, Level = ReportingV1.AggregateLevel.Total, IncludeInProgress = true,
            }, deadline: deadline, cancellationToken: ct);
            return new SeriesDto(e.Item1, e.Item2, a.Exact, ReportingDtos.ToDto(a.Method), a.Trend.Select(ReportingDtos.ToDto).ToArray());
        }).ToArray();
        var completeness = reporting.GetCompletenessAsync(new() { FormId = formId, UnitId = institution, PeriodFrom = pf, PeriodTo = pt, IncludeInProgress = true },
            deadline: deadline, cancellationToken: ct).ResponseAsync;
        await Task.WhenAll(series);
        var c = await completeness;
        var all = series.Select(s => s.Result).ToArray();
        // Reporting alone decides which periods are still running (its rule also opens a form's last days early).
        var running = all.SelectMany(s => s.Points.Where(p => p.InProgress).Select(p => p.Period)).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new ReportingSection(formId, courts ? "quarter" : "month", all, running,
            c.Periods.Select(ToDto).ToArray(), c.Total is null ? null : ToDto(c.Total));
    }

    private static CompletenessDto ToDto(ReportingV1.CompletenessRow r) =>
        new(r.PeriodStart, r.Expected, r.Submitted, r.SubmittedOnTime, r.Approved, r.SubmittedPercent, r.OnTimePercent, r.ApprovedPercent, r.InProgress);

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date)) return date;
        errors[field] = ["must be a date in the form yyyy-MM-dd"];
        return null;
    }
}
