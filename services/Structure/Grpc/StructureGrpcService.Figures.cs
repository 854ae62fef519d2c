using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    /// <summary>Counted in the database (one GROUP BY, people counted in the unit of that date), composed in memory.</summary>
    public override async Task<GetCompositionResponse> GetComposition(GetCompositionRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context);
        var root = RequireUnit(tree, request.RootUnitId);
        var unitIds = tree.Subtree(root.Id).Select(u => u.Id).ToList();
        var groups = await InService(unitIds, on)
            .GroupBy(p => new { p.InstitutionId, p.RankCode, p.Sex, p.Community })
            .Select(g => new { g.Key.InstitutionId, g.Key.RankCode, g.Key.Sex, g.Key.Community, Count = g.Count() })
            .ToListAsync(context.CancellationToken);
        var composition = Domain.Composition.Of(groups.Select(g =>
            new Domain.HeadcountGroup(g.Sex, tree.FindRank(g.InstitutionId, g.RankCode)?.Band, g.Community, g.Count)));

        var response = new GetCompositionResponse
        {
            RootUnitId = root.Id,
            OnDate = Messages.Iso(on),
            Total = composition.Total,
            Women = composition.Women,
            Men = composition.Men,
            WomenSharePercent = composition.WomenSharePercent,
            SeniorTotal = composition.SeniorTotal,
            SeniorWomen = composition.SeniorWomen,
            SeniorWomenSharePercent = composition.SeniorWomenSharePercent,
            CommunityRecorded = composition.CommunityRecorded,
        };
        response.Cells.AddRange(composition.Cells.Select(c => new CompositionCell { Sex = (Sex)c.Key.Sex, RankBand = (RankBand)c.Key.Band, Headcount = c.Value }));
        response.Communities.AddRange(composition.Communities.Select(c => new CommunityCount { Community = c.Community, Women = c.Women, Men = c.Men }));
        return response;
    }

    public override async Task<GetFocalPointCoverageResponse> GetFocalPointCoverage(GetFocalPointCoverageRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var from = validator.RequiredDate(request.From, "from");
        var to = validator.RequiredDate(request.To, "to");
        if (from != default && to != default && to < from) validator.Add("to", "must not be before from");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context);
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
