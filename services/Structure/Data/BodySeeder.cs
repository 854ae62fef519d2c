using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Seeds gender bodies, their regulations and action plans from <c>bodies.json</c>. A body's demonstration
/// members, meetings and decisions are added only while the body has no members at all, so users' records are never
/// mixed with or overwritten by demonstration data.
/// </summary>
internal static class BodySeeder
{
    public static async Task SeedAsync(StructureDbContext db, BodySeedFile seed, bool demo, ILogger logger, CancellationToken cancellationToken)
    {
        var units = (await db.OrganisationUnits.Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var bodies = (await db.GenderBodies.Select(b => b.Id).ToListAsync(cancellationToken)).ToHashSet();
        var regulations = (await db.Regulations.Select(r => new { r.BodyId, r.Number }).ToListAsync(cancellationToken))
            .Select(r => (r.BodyId, r.Number)).ToHashSet();
        var bodiesWithMembers = (await db.BodyMembers.Select(m => m.BodyId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var plans = (await db.ActionPlans.Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;

        foreach (var b in seed.Bodies.Where(b => units.Contains(b.OwnerUnitId)))
        {
            if (bodies.Add(b.Id))
            {
                db.GenderBodies.Add(new GenderBody(b.Id, b.Name, b.Kind, b.OwnerUnitId, b.Mandate, b.EstablishedOn, b.Quorum));
                added++;
            }
            for (var i = 0; i < b.Regulations.Count; i++)
            {
                if (!regulations.Add((b.Id, i + 1))) continue;
                var r = b.Regulations[i];
                db.Regulations.Add(new Regulation(b.Id, i + 1, r.Title, r.AdoptedOn, r.Summary));
            }
            if (demo && b.Demo is not null && !bodiesWithMembers.Contains(b.Id)) AddDemo(db, b, b.Demo);
        }

        foreach (var p in seed.ActionPlans.Where(p => units.Contains(p.OwnerUnitId) && !plans.Contains(p.Id)))
        {
            db.ActionPlans.Add(new ActionPlan(p.Id, p.Title, p.OwnerUnitId, p.BodyId, p.PeriodStart, p.PeriodEnd));
            foreach (var a in p.Actions.Where(a => units.Contains(a.ResponsibleUnitId)))
            {
                var action = new PlanAction(SeedIds.For($"action:{p.Id}:{a.Title}"), p.Id, a.Title, a.ResponsibleUnitId, a.DueOn);
                foreach (var n in a.Notes) action.AddNote(SeedIds.For($"note:{p.Id}:{a.Title}:{n.WrittenOn}:{n.Text}"), n.WrittenOn, n.Text);
                action.Update(a.Title, a.ResponsibleUnitId, a.DueOn, a.Status);
                db.PlanActions.Add(action);
            }
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added > 0) logger.LogInformation("Seeded {Count} gender bodies and action plans", added);
    }

    private static void AddDemo(StructureDbContext db, BodySeed seed, BodyDemoSeed demo)
    {
        var bodyId = seed.Id;
        var rules = new GenderBody(seed.Id, seed.Name, seed.Kind, seed.OwnerUnitId, seed.Mandate, seed.EstablishedOn, seed.Quorum);
        var members = demo.Members.ToDictionary(m => m.Name, m => new BodyMember(SeedIds.For($"member:{bodyId}:{m.Name}"), bodyId,
            m.Name, m.Sex, m.Role, m.RepresentedOrganisation, null, m.TermStart, m.TermEnd));
        db.BodyMembers.AddRange(members.Values);
        foreach (var m in demo.Meetings)
        {
            var meeting = new Meeting(SeedIds.For($"meeting:{bodyId}:{m.PlannedOn}"), bodyId, m.PlannedOn, m.Agenda);
            if (m.Status == MeetingStatus.Held && m.HeldOn is { } heldOn)
            {
                var sitting = members.Values.Count(x => x.SitsOn(heldOn));
                meeting.RecordHeld(rules, heldOn, (m.Attendees ?? []).Select(a => members[a].Id).ToList(), sitting);
                foreach (var d in m.Decisions ?? [])
                {
                    var decision = new Decision(SeedIds.For($"decision:{meeting.Id}:{d.Text}"), meeting, d.Text, d.DueOn);
                    if (d.FollowUp != FollowUpStatus.Open) decision.SetFollowUp(d.FollowUp);
                    db.Decisions.Add(decision);
                }
            }
            else if (m.Status == MeetingStatus.Cancelled)
            {
                meeting.Cancel();
            }
            db.Meetings.Add(meeting);
        }
    }
}

/// <summary>Stable ids for seeded rows, so a second run recognises what the first one added.</summary>
internal static class SeedIds
{
    public static Guid For(string key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16));
    }
}

internal sealed record BodySeedFile(List<BodySeed> Bodies, List<ActionPlanSeed> ActionPlans);

internal sealed record BodySeed(string Id, string Name, GenderBodyKind Kind, string OwnerUnitId, string Mandate, DateOnly EstablishedOn,
    int Quorum, List<RegulationSeed> Regulations, BodyDemoSeed? Demo);

internal sealed record RegulationSeed(string Title, DateOnly AdoptedOn, string? Summary);

internal sealed record BodyDemoSeed(List<MemberSeed> Members, List<MeetingSeed> Meetings);

internal sealed record MemberSeed(string Name, Sex Sex, MemberRole Role, string RepresentedOrganisation, DateOnly TermStart, DateOnly? TermEnd);

internal sealed record MeetingSeed(DateOnly PlannedOn, string Agenda, MeetingStatus Status, DateOnly? HeldOn, List<string>? Attendees,
    List<DecisionSeed>? Decisions);

internal sealed record DecisionSeed(string Text, DateOnly? DueOn, FollowUpStatus FollowUp);

internal sealed record ActionPlanSeed(string Id, string Title, string OwnerUnitId, string? BodyId, DateOnly PeriodStart, DateOnly PeriodEnd,
    List<ActionSeed> Actions);

internal sealed record ActionSeed(string Title, string ResponsibleUnitId, DateOnly DueOn, ActionStatus Status, List<NoteSeed> Notes);

internal sealed record NoteSeed(DateOnly WrittenOn, string Text);
