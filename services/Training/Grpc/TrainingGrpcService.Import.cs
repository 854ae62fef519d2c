using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{
    private const int MaxImportRows = 20_000;

    public override async Task<ImportCompletionsResponse> ImportCompletions(ImportCompletionsRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.InstitutionId, "institution_id", 64);
        validator.Require(request.Csv.Length > 0, "csv", "must not be empty");
        var (rows, shapeErrors, headerError) = Domain.CompletionCsv.Parse(request.Csv);
        if (headerError is not null) validator.Add("csv", headerError);
        validator.Require(rows.Count + shapeErrors.Count <= MaxImportRows, "csv", $"at most {MaxImportRows} rows per import");
        validator.ThrowIfInvalid();

        var curricula = (await db.Curricula.AsNoTracking().ToListAsync(context.CancellationToken))
            .GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!);
        // A training officer imports for its own institution's officers, or completions of curricula its institution delivers.
        var ownOfficers = Domain.InstitutionScope.Allows(caller, request.InstitutionId);
        if (!ownOfficers && !curricula.Values.Any(c => c.InstitutionId == caller.Institution))
        {
            Domain.InstitutionScope.Require(caller, request.InstitutionId);
        }

        var errors = shapeErrors.Select(e => new ImportRowError { Line = e.Line, Reason = e.Reason }).ToList();
        // Structure names the officers; if it cannot be reached the whole import fails with Unavailable and writes nothing.
        var officers = await structure.ResolveOfficersAsync(request.InstitutionId, rows.Select(r => r.ServiceNumber).Where(n => n.Length > 0), null, context.CancellationToken);
        var numbers = rows.Select(r => r.ServiceNumber).Distinct().ToList();
        var recorded = (await db.Certificates.AsNoTracking()
                .Where(c => c.InstitutionId == request.InstitutionId && numbers.Contains(c.ServiceNumber))
                .Select(c => new { c.ServiceNumber, c.CurriculumCode, c.IssuedOn }).ToListAsync(context.CancellationToken))
            .Select(c => (c.ServiceNumber, c.CurriculumCode, c.IssuedOn)).ToHashSet();

        var accepted = new List<Domain.Certificate>();
        var seen = new HashSet<(string, string, DateOnly)>();
        foreach (var row in rows)
        {
            string? reason = null;
            DateOnly date = default;
            Domain.Curriculum? curriculum = null;
            if (row.ServiceNumber.Length == 0) reason = "service_number is empty";
            else if (!curricula.TryGetValue(row.CurriculumCode, out curriculum)) reason = $"curriculum '{row.CurriculumCode}' is unknown";
            else if (!ownOfficers && curriculum.InstitutionId != caller.Institution) reason = $"curriculum '{curriculum.Code}' is not delivered by {caller.Institution}";
            else if (!DateOnly.TryParseExact(row.CompletionDate, "yyyy-MM-dd", out date)) reason = $"completion_date '{row.CompletionDate}' is not a date (yyyy-MM-dd)";
            else if (date > Today) reason = $"completion_date {row.CompletionDate} is in the future";
            else if (date.Year < 1999) reason = $"completion_date {row.CompletionDate} is before the institutions existed";
            else if (Domain.CompletionCsv.ReadResult(row.Result, curriculum.PassMark) is { Passed: false } result) reason = result.Error;
            else if (!officers.TryGetValue(row.ServiceNumber, out var officer)) reason = $"no officer {row.ServiceNumber} in '{request.InstitutionId}'";
            else if (!officer.InServiceOn(date)) reason = $"officer {row.ServiceNumber} was not in service on {row.CompletionDate}";
            else if (recorded.Contains((row.ServiceNumber, curriculum.Code, date))) reason = "this completion is already recorded";
            else if (!seen.Add((row.ServiceNumber, curriculum.Code, date))) reason = "the same completion appears earlier in the file";

            if (reason is not null)
            {
                errors.Add(new ImportRowError { Line = row.Line, ServiceNumber = row.ServiceNumber, Reason = reason });
                continue;
            }
            accepted.Add(new Domain.Certificate(curriculum!, officers[row.ServiceNumber], date, sessionId: null, imported: true, Now));
        }

        var response = new ImportCompletionsResponse
        {
            RowsRead = rows.Count + shapeErrors.Count,
            RowsValid = accepted.Count,
            DryRun = request.DryRun,
        };
        response.Errors.AddRange(errors.OrderBy(e => e.Line));
        // A real run with errors writes nothing, unless the caller asked for the valid rows only.
        var write = !request.DryRun && (errors.Count == 0 || request.ValidRowsOnly) && accepted.Count > 0;
        if (write)
        {
            db.Certificates.AddRange(accepted);
            await db.SaveChangesAsync(context.CancellationToken);
            response.CertificatesCreated = accepted.Count;
            logger.LogInformation("{Caller} imported {Count} historic completions for {Institution} ({Rejected} rows rejected)",
                caller, accepted.Count, request.InstitutionId, errors.Count);
        }
        return response;
    }
}
