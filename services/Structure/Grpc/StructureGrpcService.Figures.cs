using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    /// <summary>
    /// Counted in the database (one GROUP BY, people counted in the unit of that date), composed in memory. Readers
    /// who may not see exact figures get sums of protected base cells, for an institution only: with community in
    /// the grid, finer cells would be mostly small and all noise.
    /// </summary>
    public override async Task<GetCompositionResponse> GetComposition(GetCompositionRequest request, ServerCallContext context)
    {
        var caller = Reader(context);
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.RootUnitId);
        var root = RequireUnit(tree, request.RootUnitId);
        var exact = SeesExactComposition(caller);
        if (!exact && root.Kind != Domain.OrganisationUnitKind.Institution)
        {
            throw RpcErrors.InvalidArgument("root_unit_id",
                $"composition is published for whole institutions only ('{root.Id}' is a {root.Kind.ToString().ToLowerInvariant()} of '{root.InstitutionId}'; ask for '{root.InstitutionId}')");
        }
        var unitIds = tree.Subtree(root.Id).Select(u => u.Id).ToList();
        var groups = await InService(unitIds, on)
            .GroupBy(p => new { p.InstitutionId, p.RankCode, p.Sex, p.Community })
            .Select(g => new { g.Key.InstitutionId, g.Key.RankCode, g.Key.Sex, g.Key.Community, Count = g.Count() })
            .ToListAsync(context.CancellationToken);
        var composition = Domain.Composition.Of(groups.Select(g =>
            new Domain.HeadcountGroup(g.InstitutionId, g.Sex, tree.FindRank(g.InstitutionId, g.RankCode)?.Band, g.Community, g.Count,
                Domain.JudicialRoles.Of(tree.Find(g.InstitutionId)?.InstitutionType, g.RankCode))),
            exact ? null : disclosure);

        var response = new GetCompositionResponse
        {
            RootUnitId = root.Id,
            OnDate = Messages.Iso(on),
            Total = ToHeadcount(composition.Total),
            Women = ToHeadcount(composition.Women),
            Men = ToHeadcount(composition.Men),
            SeniorTotal = ToHeadcount(composition.SeniorTotal),
            SeniorWomen = ToHeadcount(composition.SeniorWomen),
            CommunityRecorded = ToHeadcount(composition.CommunityRecorded),
            ProtectionMethod = ToMethod(exact ? DisclosureControl.DescribeExact() : disclosure.Describe(Domain.Composition.Grain)),
        };
        if (composition.WomenSharePercent is { } womenShare) response.WomenSharePercent = womenShare;
        if (composition.SeniorWomenSharePercent is { } seniorShare) response.SeniorWomenSharePercent = seniorShare;
        response.Cells.AddRange(composition.Cells.Select(c => new CompositionCell { Sex = (Sex)c.Key.Sex, RankBand = (RankBand)c.Key.Band, Count = ToHeadcount(c.Value) }));
        response.Communities.AddRange(composition.Communities.Select(ToMessage));
        response.JudicialRoles.AddRange(composition.Roles.Select(r =>
        {
            var figures = new JudicialRoleFigures { Role = (JudicialRole)r.Role, Total = ToHeadcount(r.Total), Women = ToHeadcount(r.Women), Men = ToHeadcount(r.Men) };
            if (r.WomenSharePercent is { } share) figures.WomenSharePercent = share;
            figures.Communities.AddRange(r.Communities.Select(ToMessage));
            return figures;
        }));
        return response;
    }

    /// <summary>
    /// Administrators keep the register and analysts are the suite's readers of exact figures (each such read is to be
    /// recorded in the shared audit, at this decision); everyone else, oversight boards first, gets protected figures.
    /// Community is special-category data: outside these two roles it leaves the service only as protected sums.
    /// </summary>
    private static bool SeesExactComposition(Caller caller) => caller.Role is SuiteRoles.Administrator or SuiteRoles.Analyst;

    private static CommunityCount ToMessage(Domain.CommunityFigures c) => new() { Community = c.Community, Women = ToHeadcount(c.Women), Men = ToHeadcount(c.Men) };

    private static Headcount ToHeadcount(PublishedCount count)
    {
        var headcount = new Headcount { Protection = (GenderArchitecture.Disclosure.V1.Protection)count.Protection };
        if (count.Value is { } value) headcount.Value = value;
        return headcount;
    }

    private static GenderArchitecture.Disclosure.V1.ProtectionMethod ToMethod(MethodDescription m) => new()
    {
        Method = m.Method, Threshold = m.Threshold, RoundingBase = m.RoundingBase, MaxAdjustment = m.MaxAdjustment,
        BaseCellGrain = m.BaseCellGrain, Explanation = m.Explanation,
    };

    public override async Task<GetFocalPointCoverageResponse> GetFocalPointCoverage(GetFocalPointCoverageRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var from = validator.RequiredDate(request.From, "from");
        var to = validator.RequiredDate(request.To, "to");
        if (from != default && to != default && to < from) validator.Add("to", "must not be before from");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.RootUnitId);
        var root = RequireUnit(tree, request.RootUnitId);
        var stations = tree.Subtree(root.Id).Where(u => u.Kind == Domain.OrganisationUnitKind.Station && u.IsOpenDuring(from, to)).ToList();
        var stationIds = stations.Select(s => s.Id).ToList();
        var periodEnd = to.AddDays(1);
        var appointments = await db.FocalPointAppointments.AsNoTracking()
            .Where(a => stationIds.Contains(a.UnitId) && a.StartOn < periodEnd && (a.EndOn == null || a.EndOn > from))
            .ToListAsync(context.CancellationToken);
        var coverage = Domain.Coverage.Of(stations, appointments.ToLookup(a => a.UnitId), from, to);

        var holderIds = coverage.Stations.Where(s => s.HolderPersonId is not null).Select(s => s.HolderPersonId!.Value).ToList();
        var holders = await db.Personnel.AsNoTracking().Where(p => holderIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.FullName, context.CancellationToken);

        var response = new GetFocalPointCoverageResponse
        {
            RootUnitId = root.Id,
            From = Messages.Iso(from),
            To = Messages.Iso(to),
            StationsActive = coverage.StationsActive,
            StationsWithFocalPoint = coverage.StationsWithFocalPoint,
            StationsFullyCovered = coverage.StationsFullyCovered,
            CoveragePercent = coverage.CoveragePercent,
        };
        response.Stations.AddRange(coverage.Stations.Select(s => new StationCoverage
        {
            UnitId = s.UnitId,
            Name = s.Name,
            OpenDays = s.OpenDays,
            CoveredDays = s.CoveredDays,
            VacancyDays = s.VacancyDays,
            HolderPersonId = s.HolderPersonId?.ToString() ?? "",
            HolderName = s.HolderPersonId is { } h ? holders.GetValueOrDefault(h, "") : "",
        }));
        return response;
    }

    public override async Task<GetBodyActivityResponse> GetBodyActivity(GetBodyActivityRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        var from = validator.RequiredDate(request.From, "from");
        var to = validator.RequiredDate(request.To, "to");
        if (from != default && to != default && to < from) validator.Add("to", "must not be before from");
        validator.ThrowIfInvalid();

        var body = await db.GenderBodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.BodyId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("gender_body", request.BodyId);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.BodyId == body.Id).ToListAsync(context.CancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.BodyId == body.Id && d.TakenOn >= from && d.TakenOn <= to)
            .ToListAsync(context.CancellationToken);
        var actions = await db.PlanActions.AsNoTracking()
            .Where(a => db.ActionPlans.Any(p => p.Id == a.PlanId && p.BodyId == body.Id))
            .ToListAsync(context.CancellationToken);
        var activity = Domain.BodyActivity.Of(meetings, decisions, actions, from, to);

        var response = new GetBodyActivityResponse
        {
            BodyId = body.Id,
            From = Messages.Iso(from),
            To = Messages.Iso(to),
            MeetingsPlanned = activity.MeetingsPlanned,
            MeetingsHeld = activity.MeetingsHeld,
            MeetingsCancelled = activity.MeetingsCancelled,
            MeetingsQuorumMet = activity.MeetingsQuorumMet,
            ActionsTotal = activity.ActionsTotal,
            ActionsDone = activity.ActionsDone,
            ActionsOverdue = activity.ActionsOverdue,
            ActionsInProgress = activity.ActionsInProgress,
        };
        response.Decisions.AddRange(activity.Decisions.Select(d => new DecisionStatusCount { FollowUpStatus = (FollowUpStatus)d.Key, Count = d.Value }));
        return response;
    }
}
