using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{
    /// <summary>The only warning window oversight figures are published for: other windows would re-split the same officers.</summary>
    private const int DefaultExpiringWithinDays = 90;

    /// <summary>
    /// Analysts, administrators and training officers (for their own institution) get exact figures. Oversight boards
    /// get sums of protected base cells (region x curriculum x sex x rank band x standing), so only for an institution
    /// or a region: a station's officers are part of their region's cells and cannot be published apart from them.
    /// </summary>
    public override async Task<GetComplianceResponse> GetCompliance(GetComplianceRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingRead);
        var exact = caller.Role != SuiteRoles.Oversight;
        var validator = new Validator();
        validator.RequireText(request.RootUnitId, "root_unit_id", 64);
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.Require(request.ExpiringWithinDays is >= 0 and <= 3650, "expiring_within_days", "must be between 0 and 3650 (0 for the default of 90)");
        validator.Require(exact || request.ExpiringWithinDays is 0 or DefaultExpiringWithinDays, "expiring_within_days",
            $"oversight figures are published for the default window of {DefaultExpiringWithinDays} days only; leave it out");
        validator.ThrowIfInvalid();
        var expiringWithin = request.ExpiringWithinDays == 0 ? DefaultExpiringWithinDays : request.ExpiringWithinDays;

        var root = await structure.GetUnitAsync(request.RootUnitId, context.CancellationToken);
        if (caller.Role == SuiteRoles.TrainingOfficer) Domain.InstitutionScope.Require(caller, root.InstitutionId);
        var units = await structure.ListUnitsAsync(root.InstitutionId, context.CancellationToken);
        var regions = new Domain.PublicationRegions(units, root.InstitutionId);
        if (!exact && !regions.IsPublishedAt(root))
        {
            throw RpcErrors.InvalidArgument("root_unit_id",
                $"oversight compliance is published for an institution or a region ('{root.Id}' is a {root.Kind.ToString().ToLowerInvariant()}; " +
                $"ask for '{regions.RegionOf(root.Id)}')");
        }
        var personnel = await structure.ListPersonnelAsync(request.RootUnitId, on, context.CancellationToken);

        var curricula = await db.Curricula.AsNoTracking().ToListAsync(context.CancellationToken);
        if (request.CurriculumCode.Length > 0 && !curricula.Any(c => c.Code == request.CurriculumCode))
        {
            throw RpcErrors.NotFound("curriculum", request.CurriculumCode);
        }
        var institutions = personnel.Select(p => p.InstitutionId).Distinct().ToList();
        var certificates = await db.Certificates.AsNoTracking().Where(c => institutions.Contains(c.InstitutionId) && c.IssuedOn <= on)
            .ToListAsync(context.CancellationToken);

        var cells = Domain.ComplianceCalculator.Compute(personnel, o => regions.RegionOf(o.UnitId), curricula, certificates, on, expiringWithin,
            request.CurriculumCode.Length > 0 ? request.CurriculumCode : null);
        var report = Domain.ComplianceFigures.Publish(cells, exact ? null : disclosure, root.Kind == OrganisationUnitKind.Institution,
            regions.Within(root));
        if (exact) await db.AuditAsync(context, AuditActions.ExactRead, "compliance", $"compliance root={request.RootUnitId} on={on.Iso()} curriculum={request.CurriculumCode}");
        var response = new GetComplianceResponse
        {
            RootUnitId = request.RootUnitId,
            OnDate = on.Iso(),
            Personnel = ToFigure(report.Personnel),
            Overall = ToCounts(report.Overall),
            QualifiedTrainers = ToFigure(report.QualifiedTrainers),
            ProtectionMethod = ToMethod(exact ? DisclosureControl.DescribeExact() : disclosure.Describe(Domain.ComplianceFigures.Grain)),
        };
        if (report.TrainingHoursPerOfficer is { } hours) response.TrainingHoursPerOfficer = hours;
        if (report.TraineesPerTrainer is { } perTrainer) response.TraineesPerTrainer = perTrainer;
        response.Regions.AddRange(report.Regions.Select(r => new RegionCompliance { RegionId = r.RegionId, Counts = ToCounts(r.Counts) }));
        foreach (var c in report.Curricula)
        {
            var item = new CurriculumCompliance { CurriculumCode = c.Code, CurriculumTitle = c.Title, Total = ToCounts(c.Total) };
            item.Groups.AddRange(c.Groups.Select(g => new ComplianceGroup { Sex = g.Sex, RankBand = g.RankBand, Counts = ToCounts(g.Counts) }));
            response.Curricula.Add(item);
        }
        return response;
    }

    public override async Task<GetOfficerRecordResponse> GetOfficerRecord(GetOfficerRecordRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        validator.ThrowIfInvalid();
        Domain.InstitutionScope.Require(caller, request.InstitutionId);

        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.InstitutionId == request.InstitutionId && e.ServiceNumber == request.ServiceNumber).ToListAsync(context.CancellationToken);
        var sessionIds = enrolments.Select(e => e.SessionId).ToList();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Curriculum).Where(s => sessionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, context.CancellationToken);
        var certificates = await db.Certificates.AsNoTracking().Include(c => c.Curriculum)
            .Where(c => c.InstitutionId == request.InstitutionId && c.ServiceNumber == request.ServiceNumber).ToListAsync(context.CancellationToken);

        var name = certificates.OrderByDescending(c => c.IssuedOn).Select(c => c.HolderName).FirstOrDefault()
            ?? enrolments.Select(e => e.Name).FirstOrDefault();
        if (name is null)
        {
            // Nothing recorded here: an empty record for a known officer, NotFound for an unknown one.
            var officer = await structure.FindOfficerAsync(request.InstitutionId, request.ServiceNumber, null, context.CancellationToken)
                ?? throw RpcErrors.NotFound("officer", $"{request.InstitutionId}/{request.ServiceNumber}");
            name = officer.Name;
        }

        var response = new GetOfficerRecordResponse { InstitutionId = request.InstitutionId, ServiceNumber = request.ServiceNumber, Name = name };
        response.Sessions.AddRange(enrolments.OrderByDescending(e => sessions[e.SessionId].StartDate).Select(e => new OfficerSessionRecord
        {
            Session = Mapping.ToMessage(sessions[e.SessionId], sessions[e.SessionId].Curriculum!),
            Enrolment = Mapping.ToMessage(e),
        }));
        response.Certificates.AddRange(certificates.OrderByDescending(c => c.IssuedOn).Select(c => Mapping.ToMessage(c, c.Curriculum!.Title, Today)));
        return response;
    }

    public override async Task<ListDueForRecertificationResponse> ListDueForRecertification(ListDueForRecertificationRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        var page = Page.Read(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var institution = Domain.InstitutionScope.ForList(caller, request.InstitutionId);

        var curricula = await db.Curricula.AsNoTracking().ToDictionaryAsync(c => c.Id, context.CancellationToken);
        var query = db.Certificates.AsNoTracking().Where(c => c.RevokedAt == null && c.IssuedOn <= on);
        if (institution is not null) query = query.Where(c => c.InstitutionId == institution);
        if (request.CurriculumCode.Length > 0) query = query.Where(c => c.CurriculumCode == request.CurriculumCode);
        var certificates = await query.ToListAsync(context.CancellationToken);

        // The latest certificate of each officer and curriculum decides: due once its recertification window has opened.
        var due = certificates
            .GroupBy(c => (c.InstitutionId, c.ServiceNumber, c.CurriculumCode))
            .Select(g => g.MaxBy(c => c.ExpiresOn ?? DateOnly.MaxValue)!)
            .Where(c => c.ExpiresOn is { } end && end.AddMonths(-curricula[c.CurriculumId].RecertificationWindowMonths) <= on)
            .OrderBy(c => c.ExpiresOn).ThenBy(c => c.HolderName)
            .Skip(page.Skip).Take(page.Take + 1).ToList();

        var response = new ListDueForRecertificationResponse { NextPageToken = page.Next(due.Count) };
        response.Items.AddRange(due.Take(page.Take).Select(c => new DueItem
        {
            Certificate = Mapping.ToMessage(c, curricula[c.CurriculumId].Title, on),
            DaysToExpiry = c.ExpiresOn!.Value.DayNumber - on.DayNumber,
        }));
        return response;
    }

    private static ComplianceCounts ToCounts(Domain.ComplianceCounts c)
    {
        var counts = new ComplianceCounts
        {
            Required = ToFigure(c.Required), Valid = ToFigure(c.Valid), Expiring = ToFigure(c.Expiring),
            Expired = ToFigure(c.Expired), NeverTrained = ToFigure(c.NeverTrained),
        };
        if (c.ShareCompliant is { } share) counts.ShareCompliant = share;
        return counts;
    }

    private static Figure ToFigure(PublishedCount count)
    {
        var figure = new Figure { Protection = (GenderArchitecture.Disclosure.V1.Protection)count.Protection };
        if (count.Value is { } value) figure.Value = value;
        return figure;
    }

    private static GenderArchitecture.Disclosure.V1.ProtectionMethod ToMethod(MethodDescription m) => new()
    {
        Method = m.Method, Threshold = m.Threshold, RoundingBase = m.RoundingBase, MaxAdjustment = m.MaxAdjustment,
        BaseCellGrain = m.BaseCellGrain, Explanation = m.Explanation,
    };
}
