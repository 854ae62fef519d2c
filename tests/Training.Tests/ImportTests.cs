using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class ImportTests
{
    private const string Csv = """
        service_number,curriculum,completion_date,result
        KP-1,kp-gender-5day,2024-03-15,pass
        KP-2,kp-gender-5day,2024-03-15,84
        KP-404,kp-gender-5day,2024-03-15,pass
        KP-1,no-such-course,2024-03-15,pass
        KP-2,kp-gender-5day,15/03/2024,pass
        KP-3,kp-gender-5day,2024-03-15,55
        KP-3,kp-gender-5day,2024-03-15,absent
        KP-1,kp-gender-5day,2024-03-15,pass
        KP-3,kp-gender-5day
        KP-3,kp-gender-5day,2003-05-01,pass
        """;

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Csv_dry_run_reports_every_rejected_row_and_writes_nothing(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        foreach (var n in new[] { "KP-1", "KP-2", "KP-3" }) await world.AddOfficerAsync(n);
        var client = world.Client();

        var dry = await client.ImportCompletionsAsync(new ImportCompletionsRequest { InstitutionId = "kp", Csv = Csv, DryRun = true });

        Assert.True(dry.DryRun);
        Assert.Equal(10, dry.RowsRead);
        Assert.Equal(2, dry.RowsValid);
        Assert.Equal(0, dry.CertificatesCreated);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], dry.Errors.Select(e => e.Line));
        Assert.Contains("no officer KP-404", dry.Errors.Single(e => e.Line == 4).Reason);
        Assert.Contains("no-such-course", dry.Errors.Single(e => e.Line == 5).Reason);
        Assert.Contains("not a date", dry.Errors.Single(e => e.Line == 6).Reason);
        Assert.Contains("below the pass mark", dry.Errors.Single(e => e.Line == 7).Reason);
        Assert.Contains("earlier in the file", dry.Errors.Single(e => e.Line == 9).Reason);
        Assert.Contains("fields", dry.Errors.Single(e => e.Line == 10).Reason);
        Assert.Contains("not in service", dry.Errors.Single(e => e.Line == 11).Reason);
        Assert.Equal(0, await world.CountAsync(db => db.Certificates));

        // A real run with rejected rows writes nothing either...
        var refused = await client.ImportCompletionsAsync(new ImportCompletionsRequest { InstitutionId = "kp", Csv = Csv });
        Assert.Equal(0, refused.CertificatesCreated);
        Assert.Equal(8, refused.Errors.Count);
        Assert.Equal(0, await world.CountAsync(db => db.Certificates));

        // ...unless the caller asks for the valid rows only.
        var partial = await client.ImportCompletionsAsync(new ImportCompletionsRequest { InstitutionId = "kp", Csv = Csv, ValidRowsOnly = true });
        Assert.Equal(2, partial.CertificatesCreated);
        var imported = (await client.ListCertificatesAsync(new ListCertificatesRequest())).Certificates;
        Assert.Equal(["KP-1", "KP-2"], imported.Select(c => c.ServiceNumber).Order());
        Assert.All(imported, c => Assert.True(c.Imported));
        Assert.All(imported, c => Assert.Equal("2027-03-15", c.ExpiresOn));

        // Lists page: one certificate per page, then the next, then no more.
        var page1 = await client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 1 });
        var page2 = await client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 1, PageToken = page1.NextPageToken });
        Assert.NotEqual("", page1.NextPageToken);
        Assert.Equal("", page2.NextPageToken);
        Assert.NotEqual(page1.Certificates.Single().Id, page2.Certificates.Single().Id);

        // Importing the same file again finds the completions already recorded.
        var repeat = await client.ImportCompletionsAsync(new ImportCompletionsRequest { InstitutionId = "kp", Csv = Csv, DryRun = true });
        Assert.Equal(0, repeat.RowsValid);
        Assert.Equal(3, repeat.Errors.Count(e => e.Reason.Contains("already recorded", StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Csv_without_the_expected_header_is_invalid_argument(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);

        var error = await Refusals.Expect(StatusCode.InvalidArgument, () => world.Client().ImportCompletionsAsync(
            new ImportCompletionsRequest { InstitutionId = "kp", Csv = "number,course,date\nKP-1,kp-gender-5day,2024-01-01" }).ResponseAsync);

        Assert.Equal(["csv"], error.Fields());
        Assert.Contains("service_number", error.Status.Detail);
    }
}
