using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{

    public override async Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingRead);
        var validator = new Validator();
        var from = validator.OptionalDate(request.StartsFrom, "starts_from");
        var to = validator.OptionalDate(request.StartsTo, "starts_to");
        if (from is not null && to is not null && to < from) validator.Add("starts_to", "must not be before starts_from");
        var page = Page.Read(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var institution = Domain.InstitutionScope.ForList(caller, request.InstitutionId);

        var query = db.Sessions.AsNoTracking().Include(s => s.Curriculum).AsQueryable();
        if (institution is not null) query = query.Where(s => s.InstitutionId == institution || s.Curriculum!.InstitutionId == institution);
        if (request.CurriculumCode.Length > 0) query = query.Where(s => s.Curriculum!.Code == request.CurriculumCode);
        if (from is not null) query = query.Where(s => s.StartDate >= from);
        if (to is not null) query = query.Where(s => s.StartDate <= to);
        if (request.WithFreePlaces) query = query.Where(s => s.EnrolledCount < s.Capacity);
        var sessions = await query.OrderBy(s => s.StartDate).ThenBy(s => s.Id).Skip(page.Skip).Take(page.Take + 1).ToListAsync(context.CancellationToken);

        var response = new ListSessionsResponse { NextPageToken = page.Next(sessions.Count) };
        response.Sessions.AddRange(sessions.Take(page.Take).Select(s => Mapping.ToMessage(s, s.Curriculum!)));
        return response;
    }

    public override async Task<GetSessionResponse> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var session = await FindSessionAsync(context, caller, request.Id, "id", tracked: false);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.SessionId == session.Id).ToListAsync(context.CancellationToken);
        var response = new GetSessionResponse { Session = Mapping.ToMessage(session, session.Curriculum!) };
        response.Enrolments.AddRange(Mapping.ToMessages(enrolments));
        return response;
    }

    public override async Task<CreateSessionResponse> CreateSession(CreateSessionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var curriculumId = validator.RequiredGuid(request.CurriculumId, "curriculum_id");
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        validator.RequireText(request.Location, "location", 200);
        var start = validator.RequiredDate(request.StartDate, "start_date");
        var end = validator.RequiredDate(request.EndDate, "end_date");
        if (start != default && end != default)
        {
            if (end < start) validator.Add("end_date", "must not be before start_date");
            else if (end.DayNumber - start.DayNumber >= 60) validator.Add("end_date", "a session lasts at most 60 days");
        }
        validator.Require(request.Capacity is >= 1 and <= 500, "capacity", "must be between 1 and 500");
        validator.Require(request.TrainerServiceNumbers.Count > 0, "trainer_service_numbers", "must name at least one trainer");
        validator.Require(request.TrainerServiceNumbers.All(t => !string.IsNullOrWhiteSpace(t)), "trainer_service_numbers", "must not contain empty service numbers");
        validator.ThrowIfInvalid();

        var curriculum = await db.Curricula.FirstOrDefaultAsync(c => c.Id == curriculumId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("curriculum", request.CurriculumId);
        Domain.InstitutionScope.RequireForDelivery(caller, request.InstitutionId, curriculum.InstitutionId);
        var newest = await db.Curricula.Where(c => c.Code == curriculum.Code).MaxAsync(c => c.Version, context.CancellationToken);
        if (newest != curriculum.Version)
        {
            throw RpcErrors.FailedPrecondition("SUPERSEDED_VERSION", $"{curriculum.Code} v{curriculum.Version}",
                $"Version {curriculum.Version} of '{curriculum.Code}' has been superseded by version {newest}; sessions deliver the newest version.");
        }

        // Only a trainer qualified on every day of the session may lead it. Trainers come from the trainees'
        // institution or from the one that delivers the curriculum.
        var numbers = request.TrainerServiceNumbers.Select(t => t.Trim()).Distinct().ToList();
        var qualifications = (await TrainerCertificatesAsync(null, numbers, context.CancellationToken))
            .Where(c => c.InstitutionId == request.InstitutionId || c.InstitutionId == curriculum.InstitutionId)
            .OrderBy(c => c.InstitutionId == request.InstitutionId ? 0 : 1).ToList();
        var trainers = new List<Domain.SessionTrainer>();
        foreach (var number in numbers)
        {
            var qualification = qualifications.Where(c => c.ServiceNumber == number && c.IsValidOn(start) && c.IsValidOn(end)).FirstOrDefault();
            if (qualification is null)
            {
                throw RpcErrors.FailedPrecondition("TRAINER_NOT_QUALIFIED", number,
                    $"Officer {number} holds no training-of-trainers certificate valid from {start.Iso()} to {end.Iso()}, so may not lead this session.");
            }
            trainers.Add(new Domain.SessionTrainer { InstitutionId = qualification.InstitutionId, ServiceNumber = number, Name = qualification.HolderName });
        }

        var session = new Domain.Session(curriculum, request.InstitutionId, request.Location.Trim(), start, end, request.Capacity, trainers);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("{Caller} scheduled session {Session} of {Code} v{Version}", caller, session.Id, curriculum.Code, curriculum.Version);
        return new CreateSessionResponse { Session = Mapping.ToMessage(session, curriculum) };
    }

    public override async Task<UpdateSessionResponse> UpdateSession(UpdateSessionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        if (request.Location.Length > 0) validator.RequireText(request.Location, "location", 200);
        validator.Require(request.Capacity is >= 0 and <= 500, "capacity", "must be between 1 and 500 (0 keeps the current capacity)");
        validator.Require(request.ExpectedRevision > 0, "expected_revision", "is required: the revision of the record as last read (its ETag)");
        var session = await FindSessionAsync(context, caller, request.Id, "id", tracked: true, validator);
        if (request.ExpectedRevision != session.Revision)
        {
            throw RpcErrors.Aborted("session", request.Id, session.Revision);
        }

        var enrolments = await db.Enrolments.Where(e => e.SessionId == session.Id).ToListAsync(context.CancellationToken);
        var promoted = session.Change(request.Location.Length > 0 ? request.Location.Trim() : null, request.Capacity > 0 ? request.Capacity : null, enrolments);
        await db.SaveChangesAsync(context.CancellationToken);
        var response = new UpdateSessionResponse { Session = Mapping.ToMessage(session, session.Curriculum!) };
        response.Promoted.AddRange(promoted.Select(e => Mapping.ToMessage(e)));
        return response;
    }

    public override async Task<EnrolResponse> Enrol(EnrolRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        var session = await FindSessionAsync(context, caller, request.SessionId, "session_id", tracked: true, validator);
        var number = request.ServiceNumber.Trim();

        var existing = await db.Enrolments.AsNoTracking()
            .FirstOrDefaultAsync(e => e.SessionId == session.Id && e.InstitutionId == session.InstitutionId && e.ServiceNumber == number, context.CancellationToken);
        if (existing is not null)
        {
            throw RpcErrors.AlreadyExists("enrolment", $"{session.Id}/{number}",
                $"Officer {number} is already {existing.Status.ToString().ToLowerInvariant()} in this session.");
        }

        // Structure decides who the officer is; if it cannot be reached nothing is written.
        var officer = await structure.FindOfficerAsync(session.InstitutionId, number, null, context.CancellationToken)
            ?? throw RpcErrors.NotFound("officer", $"{session.InstitutionId}/{number}");
        officer.RequireInService(session.StartDate, "be enrolled in a session starting that day");

        var curriculum = session.Curriculum!;
        if (curriculum.PrerequisiteCodes.Count > 0)
        {
            var held = await db.Certificates.AsNoTracking()
                .Where(c => c.InstitutionId == officer.InstitutionId && c.ServiceNumber == number && curriculum.PrerequisiteCodes.Contains(c.CurriculumCode))
                .ToListAsync(context.CancellationToken);
            var missing = curriculum.PrerequisiteCodes.FirstOrDefault(code => !held.Any(c => c.CurriculumCode == code && c.IsValidOn(session.StartDate)));
            if (missing is not null)
            {
                throw RpcErrors.FailedPrecondition("PREREQUISITE", number,
                    $"Officer {number} holds no certificate of '{missing}' valid on {session.StartDate.Iso()}, which '{curriculum.Code}' requires.");
            }
        }

        var enrolment = session.Enrol(officer);
        db.Enrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The same officer was enrolled by a concurrent call (unique index on session and officer).
            throw RpcErrors.AlreadyExists("enrolment", $"{session.Id}/{number}", $"Officer {number} is already enrolled in this session.");
        }
        return new EnrolResponse { Enrolment = Mapping.ToMessage(enrolment, session.WaitlistedCount) };
    }

    public override async Task<WithdrawResponse> Withdraw(WithdrawRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        var session = await FindSessionAsync(context, caller, request.SessionId, "session_id", tracked: true, validator);

        var enrolments = await db.Enrolments.Where(e => e.SessionId == session.Id).ToListAsync(context.CancellationToken);
        var enrolment = enrolments.FirstOrDefault(e => e.ServiceNumber == request.ServiceNumber.Trim())
            ?? throw RpcErrors.NotFound("enrolment", $"{request.SessionId}/{request.ServiceNumber}");
        var promoted = session.Withdraw(enrolment, enrolments);
        await db.SaveChangesAsync(context.CancellationToken);

        var response = new WithdrawResponse { Withdrawn = Mapping.ToMessage(enrolment) };
        if (promoted is not null) response.Promoted = Mapping.ToMessage(promoted);
        return response;
    }

    public override async Task<RecordAttendanceResponse> RecordAttendance(RecordAttendanceRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var day = validator.RequiredDate(request.Day, "day");
        validator.Require(request.Marks.Count > 0, "marks", "must mark at least one officer");
        var session = await FindSessionAsync(context, caller, request.SessionId, "session_id", tracked: true, validator);
        if (day != default && !session.Covers(day))
        {
            validator.Add("day", $"must be within the session's dates ({session.StartDate.Iso()} to {session.EndDate.Iso()})");
        }
        if (day > Today) validator.Add("day", "attendance cannot be recorded for a day that has not come");
        var enrolments = await db.Enrolments.Where(e => e.SessionId == session.Id).ToListAsync(context.CancellationToken);
        for (var i = 0; i < request.Marks.Count; i++)
        {
            if (!enrolments.Any(e => e.ServiceNumber == request.Marks[i].ServiceNumber))
            {
                validator.Add($"marks[{i}].service_number", $"'{request.Marks[i].ServiceNumber}' is not enrolled in this session");
            }
        }
        validator.ThrowIfInvalid();

        foreach (var mark in request.Marks)
        {
            enrolments.First(e => e.ServiceNumber == mark.ServiceNumber).MarkAttendance(day, mark.Present);
        }
        session.Touch();
        await db.SaveChangesAsync(context.CancellationToken);
        var response = new RecordAttendanceResponse();
        response.Enrolments.AddRange(Mapping.ToMessages(enrolments));
        return response;
    }

    public override async Task<RecordResultsResponse> RecordResults(RecordResultsRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        validator.Require(request.HasPreTestScore || request.HasPostTestScore, "post_test_score", "give a pre-test or a post-test score");
        if (request.HasPreTestScore) validator.Require(request.PreTestScore is >= 0 and <= 100, "pre_test_score", "must be between 0 and 100");
        if (request.HasPostTestScore) validator.Require(request.PostTestScore is >= 0 and <= 100, "post_test_score", "must be between 0 and 100");
        var session = await FindSessionAsync(context, caller, request.SessionId, "session_id", tracked: true, validator);

        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.SessionId == session.Id && e.ServiceNumber == request.ServiceNumber.Trim(), context.CancellationToken)
            ?? throw RpcErrors.NotFound("enrolment", $"{request.SessionId}/{request.ServiceNumber}");
        enrolment.RecordResults(request.HasPreTestScore ? request.PreTestScore : null, request.HasPostTestScore ? request.PostTestScore : null);
        session.Touch();
        await db.SaveChangesAsync(context.CancellationToken);
        return new RecordResultsResponse { Enrolment = Mapping.ToMessage(enrolment) };
    }

    /// <summary>
    /// The session (with its curriculum) named by <paramref name="id"/>, if the caller acts for its trainees' or its
    /// curriculum's institution; another institution's session is not found, exactly as an unknown id. Other violations
    /// collected so far are reported together.
    /// </summary>
    private async Task<Domain.Session> FindSessionAsync(ServerCallContext context, Caller caller, string id, string field, bool tracked, Validator? validator = null)
    {
        validator ??= new Validator();
        var sessionId = validator.RequiredGuid(id, field);
        validator.ThrowIfInvalid();
        var query = tracked ? db.Sessions : db.Sessions.AsNoTracking();
        var session = await query.Include(s => s.Curriculum).FirstOrDefaultAsync(s => s.Id == sessionId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("session", id);
        return Domain.InstitutionScope.AllowsDelivery(caller, session.InstitutionId, session.Curriculum!.InstitutionId)
            ? session : throw RpcErrors.OutOfScope(context, "session", id);
    }
}
