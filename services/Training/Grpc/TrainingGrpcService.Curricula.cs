using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{
    public override async Task<ListCurriculaResponse> ListCurricula(ListCurriculaRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.CurriculaRead);
        var validator = new Validator();
        var page = Page.Read(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();

        var query = db.Curricula.AsNoTracking();
        if (request.Code.Length > 0) query = query.Where(c => c.Code == request.Code);
        if (request.InstitutionId.Length > 0) query = query.Where(c => c.InstitutionId == request.InstitutionId);
        // Curricula are a small reference table; audiences live in a JSON column, so the rest is filtered here.
        var curricula = (await query.ToListAsync(context.CancellationToken))
            .Where(c => request.Audience == Audience.Unspecified || c.Audiences.Contains((Domain.Audience)request.Audience));
        if (!request.AllVersions) curricula = curricula.GroupBy(c => c.Code).Select(g => g.MaxBy(c => c.Version)!);
        var ordered = curricula.OrderBy(c => c.Code).ThenByDescending(c => c.Version).Skip(page.Skip).Take(page.Take + 1).ToList();
        var delivered = await DeliveredAsync(ordered.Select(c => c.Id).ToList(), context.CancellationToken);

        var response = new ListCurriculaResponse { NextPageToken = page.Next(ordered.Count) };
        response.Curricula.AddRange(ordered.Take(page.Take).Select(c => Mapping.ToMessage(c, delivered.Contains(c.Id))));
        return response;
    }

    public override async Task<GetCurriculumResponse> GetCurriculum(GetCurriculumRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.CurriculaRead);
        var validator = new Validator();
        var id = validator.RequiredGuid(request.Id, "id");
        validator.ThrowIfInvalid();
        var curriculum = await db.Curricula.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("curriculum", request.Id);
        var delivered = await DeliveredAsync([id], context.CancellationToken);
        return new GetCurriculumResponse { Curriculum = Mapping.ToMessage(curriculum, delivered.Contains(id)) };
    }

    public override async Task<CreateCurriculumResponse> CreateCurriculum(CreateCurriculumRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var code = request.Code.Trim();
        validator.Require(IsValidCode(code), "code", "must be 1-64 lowercase letters, digits or hyphens");
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        var content = await ReadContentAsync(validator, request.Content, context.CancellationToken);
        validator.ThrowIfInvalid();
        Domain.InstitutionScope.Require(caller, request.InstitutionId);

        if (await db.Curricula.AnyAsync(c => c.Code == code, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists("curriculum", code, $"A curriculum with code '{code}' exists; edit it to make a new version.");
        }
        var curriculum = new Domain.Curriculum(code, request.InstitutionId, 1, content);
        db.Curricula.Add(curriculum);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("{Caller} created curriculum {Code} v1", caller, code);
        return new CreateCurriculumResponse { Curriculum = Mapping.ToMessage(curriculum, delivered: false) };
    }

    public override async Task<UpdateCurriculumResponse> UpdateCurriculum(UpdateCurriculumRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var id = validator.RequiredGuid(request.Id, "id");
        var content = await ReadContentAsync(validator, request.Content, context.CancellationToken);
        validator.Require(request.ExpectedRevision > 0, "expected_revision", "is required: the revision of the record as last read (its ETag)");
        validator.ThrowIfInvalid();

        var curriculum = await db.Curricula.FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("curriculum", request.Id);
        Domain.InstitutionScope.Require(caller, curriculum.InstitutionId);
        if (request.ExpectedRevision != curriculum.Revision)
        {
            throw RpcErrors.Aborted("curriculum", request.Id, curriculum.Revision);
        }
        var newest = await db.Curricula.Where(c => c.Code == curriculum.Code).MaxAsync(c => c.Version, context.CancellationToken);
        if (newest != curriculum.Version)
        {
            throw RpcErrors.FailedPrecondition("NOT_LATEST_VERSION", $"{curriculum.Code} v{curriculum.Version}",
                $"Version {curriculum.Version} of '{curriculum.Code}' has been superseded by version {newest}; edit the newest version.");
        }
        if (content.PrerequisiteCodes.Contains(curriculum.Code))
        {
            throw RpcErrors.InvalidArgument("content.prerequisite_codes", "a curriculum cannot be its own prerequisite");
        }

        var delivered = (await DeliveredAsync([id], context.CancellationToken)).Contains(id);
        if (delivered)
        {
            var next = curriculum.NextVersion(content);
            db.Curricula.Add(next);
            await db.SaveChangesAsync(context.CancellationToken);
            logger.LogInformation("{Caller} edited delivered curriculum {Code}: version {Version} created", caller, next.Code, next.Version);
            return new UpdateCurriculumResponse { Curriculum = Mapping.ToMessage(next, delivered: false), NewVersion = true };
        }
        curriculum.Edit(content);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdateCurriculumResponse { Curriculum = Mapping.ToMessage(curriculum, delivered: false), NewVersion = false };
    }

    /// <summary>Ids of the curriculum versions that sessions or certificates refer to.</summary>
    private async Task<HashSet<Guid>> DeliveredAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var inSessions = await db.Sessions.Where(s => ids.Contains(s.CurriculumId)).Select(s => s.CurriculumId).Distinct().ToListAsync(ct);
        var inCertificates = await db.Certificates.Where(c => ids.Contains(c.CurriculumId)).Select(c => c.CurriculumId).Distinct().ToListAsync(ct);
        return [.. inSessions, .. inCertificates];
    }

    private async Task<Domain.CurriculumContent> ReadContentAsync(Validator validator, CurriculumContent? content, CancellationToken ct)
    {
        if (content is null)
        {
            validator.Add("content", "is required");
            return new Domain.CurriculumContent("", [], [], [], 0, 0, 0, 0, []);
        }
        validator.RequireText(content.Title, "content.title", 300);
        validator.Require(content.Modules.Count > 0, "content.modules", "must list at least one module");
        for (var i = 0; i < content.Modules.Count; i++)
        {
            var m = content.Modules[i];
            validator.RequireText(m.Code, $"content.modules[{i}].code", 64);
            validator.RequireText(m.Title, $"content.modules[{i}].title", 300);
            validator.Require(m.Hours is > 0 and <= 200, $"content.modules[{i}].hours", "must be more than 0 and at most 200");
        }
        validator.Require(content.Audiences.Count > 0, "content.audiences", "must name at least one audience");
        validator.Require(content.Audiences.All(a => Enum.IsDefined(a) && a != Audience.Unspecified), "content.audiences", "contains an unknown audience");
        validator.Require(content.PassMark is >= 0 and <= 100, "content.pass_mark", "must be between 0 and 100");
        validator.Require(content.MinimumAttendancePercent is >= 0 and <= 100, "content.minimum_attendance_percent", "must be between 0 and 100");
        validator.Require(content.ValidityMonths is >= 0 and <= 240, "content.validity_months", "must be between 0 (no expiry) and 240");
        validator.Require(content.RecertificationWindowMonths >= 0 && (content.ValidityMonths == 0 ? content.RecertificationWindowMonths == 0 : content.RecertificationWindowMonths <= content.ValidityMonths),
            "content.recertification_window_months", "must be between 0 and the validity in months (0 when certificates do not expire)");
        var dates = new Dictionary<int, DateOnly>();
        for (var i = 0; i < content.Mandates.Count; i++)
        {
            validator.RequireText(content.Mandates[i].InstitutionId, $"content.mandates[{i}].institution_id", 64);
            dates[i] = validator.RequiredDate(content.Mandates[i].EffectiveFrom, $"content.mandates[{i}].effective_from");
        }
        if (content.PrerequisiteCodes.Count > 0)
        {
            var codes = content.PrerequisiteCodes.Select(p => p.Trim()).ToList();
            var known = await db.Curricula.Where(c => codes.Contains(c.Code)).Select(c => c.Code).Distinct().ToListAsync(ct);
            foreach (var unknown in codes.Except(known)) validator.Add("content.prerequisite_codes", $"'{unknown}' is not a curriculum code");
        }
        return Mapping.ToContent(content, dates);
    }

    private static bool IsValidCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && code[0] != '-';
}
