using System.Text.Json;
using System.Text.Json.Nodes;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>Forms edited at runtime: versions from a period on, reports keeping theirs, figures only over like with like.</summary>
public sealed class FormVersionTests
{
    private static FormsService.FormsServiceClient Forms(ReportingWorld world, string role = "administrator") =>
        new(world.Reporting.CreateChannel(world.Token(role, subject: $"{role}-1")));

    /// <summary>The latest version of the station form, as the next one's starting point.</summary>
    private static async Task<FormVersion> LatestAsync(ReportingWorld world) =>
        (await Forms(world).ListFormVersionsAsync(new ListFormVersionsRequest { FormId = MonthlyForm })).Versions[0];

    private static PublishFormVersionRequest Publish(FormVersion from, string validFrom, Action<PublishFormVersionRequest>? change = null)
    {
        var request = new PublishFormVersionRequest
        {
            ClientRequestId = NewId(), FormId = MonthlyForm, ValidFrom = validFrom, ExpectedVersion = from.Version,
            Elements = { from.Elements }, Categories = { from.Categories }, Rules = { from.Rules },
        };
        change?.Invoke(request);
        return request;
    }

    /// <summary>Version 2 adds an element that counts withdrawn cases, with a rule on it.</summary>
    private static void AddWithdrawn(PublishFormVersionRequest r)
    {
        r.Elements.Add(new DataElement { Id = "dv-cases-withdrawn", Name = "Domestic violence cases withdrawn", Unit = "cases" });
        r.Rules.Add(new ValidationRule { Id = "dv-withdrawn-within-reported", Description = "Withdrawn cannot exceed reported", Left = { "dv-cases-withdrawn" }, Operator = "<=", Right = { "dv-cases-reported" } });
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_report_keeps_the_version_it_was_filed_on_and_a_period_from_the_new_version_uses_it(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var filed = await world.FileAsync(StationA, EndedMonth, ValidValues());
        Assert.Equal(1, filed.FormVersion);

        var v2 = (await Forms(world).PublishFormVersionAsync(Publish(await LatestAsync(world), InProgressMonth, AddWithdrawn))).Version;

        Assert.Equal((2, InProgressMonth, "administrator-1"), (v2.Version, v2.ValidFrom, v2.CreatedBy));
        // The old report is checked against version 1: a correction without the new element is accepted...
        var focal = world.FocalPoint(StationA);
        var corrected = (await focal.CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = filed.Id, ExpectedVersion = filed.Version, Reason = "A case was counted twice.", Values = { ValidValues(dv: 10, referred: 3) },
        })).Report;
        Assert.Equal(1, corrected.FormVersion);
        // ...and the new element is not one of its cells.
        var foreign = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationB).SaveDraftAsync(Draft(StationB, EndedMonth, [.. ValidValues(), N("dv-cases-withdrawn", 1)])).ResponseAsync);
        Assert.Contains("no element 'dv-cases-withdrawn'", foreign.Status.Detail, StringComparison.Ordinal);

        // A report of a period from version 2 on is created on version 2 and takes the new element.
        var next = (await world.FocalPoint(StationB).SaveDraftAsync(Draft(StationB, InProgressMonth, [.. ValidValues(), N("dv-cases-withdrawn", 1)]))).Report;
        Assert.Equal(2, next.FormVersion);
        var versions = (await Forms(world, "focal_point").ListFormVersionsAsync(new ListFormVersionsRequest { FormId = MonthlyForm })).Versions;
        Assert.Equal([(2, InProgressMonth), (1, "")], versions.Select(v => (v.Version, v.ValidFrom)));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_invalid_rule_expression_is_refused_naming_the_rule_and_nothing_is_stored(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var v1 = await LatestAsync(world);
        var request = Publish(v1, InProgressMonth, r =>
        {
            r.Rules.Add(new ValidationRule { Id = "withdrawn-within-reported", Description = "d", Left = { "dv-cases-withdrawn" }, Operator = "<=", Right = { "dv-cases-reported" } });
            r.Rules.Add(new ValidationRule { Id = "broken-syntax", Description = "d", Left = { "dv-cases-reported by" }, Operator = "<=", Right = { "dv-cases-reported" } });
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => Forms(world).PublishFormVersionAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Contains(violations, v => v.Field == "rules[withdrawn-within-reported].left[0]" && v.Description.Contains("unknown element 'dv-cases-withdrawn'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Field == "rules[broken-syntax].left[0]" && v.Description.Contains("does not parse", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        Assert.Equal(1, await db.FormVersions.CountAsync(v => v.FormId == MonthlyForm));
        Assert.False(await db.Rules.AnyAsync(r => r.Id == "broken-syntax" || r.Id == "withdrawn-within-reported"));
        // Only administrators publish.
        var denied = await Assert.ThrowsAsync<RpcException>(() => Forms(world, "analyst").PublishFormVersionAsync(Publish(v1, InProgressMonth)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_version_cannot_start_at_a_period_that_already_has_reports(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FocalPoint(StationA).SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues()));

        var request = Publish(await LatestAsync(world), EndedMonth, AddWithdrawn);
        var error = await Assert.ThrowsAsync<RpcException>(() => Forms(world).PublishFormVersionAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("FORM_PERIOD_HAS_REPORTS", error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        Assert.Single((await Forms(world).ListFormVersionsAsync(new ListFormVersionsRequest { FormId = MonthlyForm })).Versions);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Figures_across_versions_leave_out_an_element_whose_unit_changed_and_say_so(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, EndedMonth, ValidValues());
        await Forms(world).PublishFormVersionAsync(Publish(await LatestAsync(world), InProgressMonth, r =>
        {
            var issued = r.Elements.Single(e => e.Id == "protection-orders-issued");
            issued.Unit = "victims protected";
        }));

        var comparison = await Forms(world, "analyst").CompareFormVersionsAsync(new CompareFormVersionsRequest { FormId = MonthlyForm, PeriodFrom = EndedMonth, PeriodTo = InProgressMonth });
        var within = await Forms(world, "analyst").CompareFormVersionsAsync(new CompareFormVersionsRequest { FormId = MonthlyForm, PeriodFrom = EndedMonth, PeriodTo = EndedMonth });

        Assert.Equal([1, 2], comparison.Versions);
        var leftOut = Assert.Single(comparison.LeftOut);
        Assert.Equal("protection-orders-issued", leftOut.ElementId);
        Assert.Contains("unit of count changed in version 2", leftOut.Reason, StringComparison.Ordinal);
        Assert.Contains("dv-cases-reported", comparison.ComparableElementIds);
        Assert.Empty(within.LeftOut);

        GetAggregatesRequest Across(string element) => new()
        {
            FormId = MonthlyForm, ElementId = element, PeriodFrom = EndedMonth, PeriodTo = InProgressMonth, IncludeInProgress = true,
            Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Total,
        };
        var refused = await Assert.ThrowsAsync<RpcException>(() => world.As("analyst").GetAggregatesAsync(Across("protection-orders-issued")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("ELEMENT_CHANGED_ACROSS_VERSIONS", refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        Assert.Contains("'protection-orders-issued' cannot be added up across the form versions", refused.Status.Detail, StringComparison.Ordinal);
        // An element that kept its meaning still adds up across the boundary.
        Assert.NotEmpty((await world.As("analyst").GetAggregatesAsync(Across("dv-cases-referred"))).Cells);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_element_a_later_version_drops_still_adds_up_over_the_periods_it_was_reported_in(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, EndedMonth, ValidValues());
        await Forms(world).PublishFormVersionAsync(Publish(await LatestAsync(world), InProgressMonth, r =>
        {
            r.Elements.Remove(r.Elements.Single(e => e.Id == "dv-cases-referred"));
            r.Rules.Remove(r.Rules.Single(x => x.Left.Contains("dv-cases-referred")));
        }));

        GetAggregatesRequest Referred(string to) => new()
        {
            FormId = MonthlyForm, ElementId = "dv-cases-referred", PeriodFrom = EndedMonth, PeriodTo = to, IncludeInProgress = true,
            Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Total,
        };
        var before = await world.As("analyst").GetAggregatesAsync(Referred(EndedMonth));
        Assert.Contains(before.Cells, c => c.HasValue && c.Value > 0);
        var across = await Assert.ThrowsAsync<RpcException>(() => world.As("analyst").GetAggregatesAsync(Referred(InProgressMonth)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, across.StatusCode);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_changed_seed_never_overwrites_the_form_but_flags_it(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        Assert.False((await Forms(world).ListFormVersionsAsync(new ListFormVersionsRequest { FormId = MonthlyForm })).SeedDiffers);
        var seeds = Directory.CreateTempSubdirectory("ga-seeds-");
        try
        {
            var original = Path.Combine(AppContext.BaseDirectory, "seeds", "reporting");
            File.Copy(Path.Combine(original, "validation-rules.json"), Path.Combine(seeds.FullName, "validation-rules.json"));
            var forms = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(original, "forms.json")))!;
            var monthly = forms["forms"]!.AsArray().Single(f => (string?)f!["id"] == MonthlyForm)!;
            monthly["elements"]!.AsArray().Add(new JsonObject { ["id"] = "dv-cases-withdrawn", ["name"] = "Domestic violence cases withdrawn" });
            await File.WriteAllTextAsync(Path.Combine(seeds.FullName, "forms.json"), forms.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

            // The start-up seeding runs again, on the changed seed files.
            await using (var scope = world.Reporting.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<IConfiguration>()["Seeds:Path"] = seeds.FullName;
                var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<ReportingDbContext>>().SeedAsync(db, CancellationToken.None);
            }

            var listed = await Forms(world).ListFormVersionsAsync(new ListFormVersionsRequest { FormId = MonthlyForm });
            Assert.True(listed.SeedDiffers);
            Assert.Contains("an administrator publishes a new version", listed.SeedDifference, StringComparison.Ordinal);
            Assert.DoesNotContain(Assert.Single(listed.Versions).Elements, e => e.Id == "dv-cases-withdrawn");
            var form = (await world.As("administrator").ListFormsAsync(new ListFormsRequest())).Forms.Single(f => f.Id == MonthlyForm);
            Assert.DoesNotContain(form.Elements, e => e.Id == "dv-cases-withdrawn");
            Assert.False((await Forms(world).ListFormVersionsAsync(new ListFormVersionsRequest { FormId = "court-quarterly" })).SeedDiffers);
        }
        finally
        {
            seeds.Delete(recursive: true);
        }
    }
}
