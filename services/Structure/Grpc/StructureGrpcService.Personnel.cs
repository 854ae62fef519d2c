using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    public override async Task<CreatePersonResponse> CreatePerson(CreatePersonRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        ValidatePersonFields(validator, request.GivenName, request.FamilyName, request.Sex, request.RankCode, request.Position, request.UnitId, request.Community);
        var serviceStart = validator.RequiredDate(request.ServiceStart, "service_start");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, t => t.Find(request.InstitutionId) is { } i && t.Find(request.UnitId) is not null
            && t.FindRank(i.InstitutionId, request.RankCode) is not null);
        var institution = RequireUnit(tree, request.InstitutionId);
        var unit = RequireUnit(tree, request.UnitId);
        CheckPlacement(tree, institution.InstitutionId, request.RankCode, unit, serviceStart, "service_start");
        var serviceNumber = request.ServiceNumber.Trim();
        if (await db.Personnel.AnyAsync(p => p.InstitutionId == institution.InstitutionId && p.ServiceNumber == serviceNumber, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists("person", $"{institution.InstitutionId}/{serviceNumber}",
                $"Service number '{serviceNumber}' is already used in {institution.InstitutionId}.");
        }

        var person = new Domain.Person(Guid.CreateVersion7(), institution.InstitutionId, serviceNumber, request.GivenName.Trim(),
            request.FamilyName.Trim(), (Domain.Sex)request.Sex, request.RankCode, request.Position, unit.Id, serviceStart, request.Community);
        db.Personnel.Add(person);
        await SaveNewAsync("person", $"{person.InstitutionId}/{person.ServiceNumber}", context);
        return new CreatePersonResponse { Person = Messages.ToMessage(person, tree, Today) };
    }

    public override async Task<GetPersonResponse> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        var reader = PersonalData.RequirePersonnelReader(context);
        var id = ParseIdOrNotFound(request.Id, "person");
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken);
        if (person is null) throw RpcErrors.NotFound("person", request.Id);
        if (!reader.MayRead(person.InstitutionId)) throw RpcErrors.OutOfScope(context, "person", request.Id);
        return new GetPersonResponse { Person = reader.Redact(Messages.ToMessage(person, await TreeAsync(context), Today)) };
    }

    public override async Task<UpdatePersonResponse> UpdatePerson(UpdatePersonRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        ValidatePersonFields(validator, request.GivenName, request.FamilyName, request.Sex, request.RankCode, request.Position, request.UnitId, request.Community);
        var unitEffectiveOn = validator.OptionalDate(request.UnitEffectiveOn, "unit_effective_on") ?? Today;
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "person");
        var person = await db.Personnel.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person", request.Id);
        person.CheckVersion(expected, "person", request.Id);
        var tree = await TreeAsync(context, t => t.Find(request.UnitId) is not null && t.FindRank(person.InstitutionId, request.RankCode) is not null);
        var unit = RequireUnit(tree, request.UnitId);
        CheckPlacement(tree, person.InstitutionId, request.RankCode, unit, null, "unit_id");

        var previousPosting = person.Update(request.GivenName.Trim(), request.FamilyName.Trim(), (Domain.Sex)request.Sex, request.RankCode,
            request.Position, unit.Id, unitEffectiveOn, request.Community);
        if (previousPosting is not null) db.PersonPostings.Add(previousPosting);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdatePersonResponse { Person = Messages.ToMessage(person, tree, Today) };
    }

    public override async Task<EndServiceResponse> EndService(EndServiceRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var end = validator.RequiredDate(request.ServiceEnd, "service_end");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "person");
        var person = await db.Personnel.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person", request.Id);
        person.CheckVersion(expected, "person", request.Id);
        person.EndService(end);
        await db.SaveChangesAsync(context.CancellationToken);
        return new EndServiceResponse { Person = Messages.ToMessage(person, await TreeAsync(context), Today) };
    }

    /// <summary>One query by the unique (institution, service number) index; unknown numbers are reported, not fatal.</summary>
    public override async Task<ResolveOfficersResponse> ResolveOfficers(ResolveOfficersRequest request, ServerCallContext context)
    {
        var reader = PersonalData.RequirePersonnelReader(context);
        var validator = new Validator();
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        validator.Require(request.ServiceNumbers.Count <= Paging.MaxPageSize, "service_numbers", $"at most {Paging.MaxPageSize} per call");
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.InstitutionId);
        var institution = RequireReadableUnit(context, tree, request.InstitutionId, reader).InstitutionId;
        var numbers = request.ServiceNumbers.Where(n => n.Length > 0).Distinct().ToList();
        var found = numbers.Count == 0 ? [] : await db.Personnel.AsNoTracking()
            .Where(p => p.InstitutionId == institution && numbers.Contains(p.ServiceNumber))
            .ToListAsync(context.CancellationToken);

        var postings = await EarlierPostingsAsync(found, on, context);
        var response = new ResolveOfficersResponse();
        var byNumber = found.ToDictionary(p => p.ServiceNumber);
        foreach (var number in numbers)
        {
            if (byNumber.TryGetValue(number, out var person)) response.Officers.Add(reader.Redact(Messages.ToMessage(person, tree, on, person.UnitOn(on, postings))));
            else response.NotFound.Add(number);
        }
        return response;
    }

    public override async Task<ListPersonnelResponse> ListPersonnel(ListPersonnelRequest request, ServerCallContext context)
    {
        var reader = PersonalData.RequirePersonnelReader(context);
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var on = validator.OptionalDate(request.ActiveOn, "active_on") ?? Today;
        var size = validator.Size(request.PageSize);
        var after = validator.After(request.PageToken);
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.RootUnitId);
        var root = RequireReadableUnit(context, tree, request.RootUnitId, reader);
        var unitIds = tree.Subtree(root.Id).Select(u => u.Id).ToList();
        var query = InService(unitIds, on);
        if (after is not null) query = query.Where(p => string.Compare(p.ServiceNumber, after) > 0);
        var fetched = await query.OrderBy(p => p.ServiceNumber).Take(size + 1).ToListAsync(context.CancellationToken);

        var (page, next) = Paging.Cut(fetched, size, p => p.ServiceNumber);
        var postings = await EarlierPostingsAsync(page, on, context);
        var response = new ListPersonnelResponse { NextPageToken = next };
        response.Personnel.AddRange(page.Select(p => reader.Redact(Messages.ToMessage(p, tree, on, p.UnitOn(on, postings)))));
        return response;
    }

    /// <summary>A unit whose people the reader may see; another institution's unit is not found, as an unknown one.</summary>
    private static Domain.OrganisationUnit RequireReadableUnit(ServerCallContext context, Domain.OrganisationTree tree, string id, PersonalData.PersonnelReader reader)
    {
        var unit = tree.Find(id) ?? throw RpcErrors.NotFound("organisation_unit", id);
        return reader.MayRead(unit.InstitutionId) ? unit : throw RpcErrors.OutOfScope(context, "organisation_unit", id);
    }

    /// <summary>People in service on <paramref name="on"/> whose unit on that date - current or earlier posting - is one of <paramref name="unitIds"/>.</summary>
    private IQueryable<Domain.Person> InService(List<string> unitIds, DateOnly on) =>
        db.Personnel.AsNoTracking().Where(p => p.ServiceStart <= on && (p.ServiceEnd == null || p.ServiceEnd > on)
            && ((p.UnitSince <= on && unitIds.Contains(p.UnitId))
                || db.PersonPostings.Any(pp => pp.PersonId == p.Id && pp.From <= on && pp.To > on && unitIds.Contains(pp.UnitId))));

    /// <summary>Earlier postings of those people who joined their current unit after <paramref name="on"/> (usually nobody).</summary>
    private async Task<List<Domain.PersonPosting>> EarlierPostingsAsync(IEnumerable<Domain.Person> people, DateOnly on, ServerCallContext context)
    {
        var moved = people.Where(p => on < p.UnitSince).Select(p => p.Id).ToList();
        return moved.Count == 0 ? [] : await db.PersonPostings.AsNoTracking().Where(pp => moved.Contains(pp.PersonId)).ToListAsync(context.CancellationToken);
    }

    private static void ValidatePersonFields(Validator validator, string givenName, string familyName, Sex sex, string rankCode,
        string position, string unitId, string community)
    {
        validator.RequireText(givenName, "given_name", 100);
        validator.RequireText(familyName, "family_name", 100);
        validator.Require(sex is Sex.Female or Sex.Male, "sex", "is required: female or male");
        validator.RequireText(rankCode, "rank_code", 32);
        validator.Require(position.Length <= 100, "position", "must be at most 100 characters");
        validator.RequireText(unitId, "unit_id", 64);
        validator.Require(community.Length <= 40, "community", "must be at most 40 characters");
    }

    /// <summary>The rank must be in the institution's catalogue and the unit in the institution (and open when placed).</summary>
    private static void CheckPlacement(Domain.OrganisationTree tree, string institutionId, string rankCode, Domain.OrganisationUnit unit,
        DateOnly? on, string dateField)
    {
        var validator = new Validator();
        if (tree.FindRank(institutionId, rankCode) is null)
        {
            var known = string.Join(", ", tree.RanksOf(institutionId).Select(r => r.Code));
            validator.Add("rank_code", $"'{rankCode}' is not in the rank catalogue of {institutionId} ({known})");
        }
        if (unit.InstitutionId != institutionId) validator.Add("unit_id", $"'{unit.Id}' belongs to {unit.InstitutionId}, not {institutionId}");
        if (on is { } date && !unit.IsOpenOn(date)) validator.Add(dateField, $"'{unit.Id}' is not open on {Messages.Iso(date)}");
        validator.ThrowIfInvalid();
    }
}
