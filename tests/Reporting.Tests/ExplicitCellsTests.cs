using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>A cell is a number, not applicable or not available: never an implied zero, never silently skipped.</summary>
public sealed class ExplicitCellsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_number_cell_without_a_number_is_refused_naming_the_cell_and_changes_nothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var draft = (await focal.SaveDraftAsync(Draft(StationA, MonthsAgo(1), ValidValues()))).Report;
        var values = ValidValues();
        values[8] = new ReportValue { ElementId = "dv-cases-referred", State = ValueState.Number };

        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(Draft(StationA, MonthsAgo(1), values, draft.Version)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("values[8]", violation.Field);
        Assert.Contains("dv-cases-referred", violation.Description);
        var unchanged = (await focal.GetReportAsync(new GetReportRequest { ReportId = draft.Id })).Report;
        Assert.Equal(draft.Version, unchanged.Version);
        Assert.Equal(4, unchanged.Values.Single(v => v.ElementId == "dv-cases-referred").Number);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Submitting_needs_every_cell_of_the_form_and_names_each_empty_one(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var values = ValidValues().Where(v => !(v.ElementId == "thb-victims-identified" && v.CategoryKey.Length > 0) && v.CategoryKey != "relationship=other").ToList();
        var draft = (await focal.SaveDraftAsync(Draft(StationA, MonthsAgo(1), values))).Report;

        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["values[dv-cases-reported][relationship=other]", "values[thb-victims-identified][sex=female;age=child]", "values[thb-victims-identified][sex=female;age=adult]",
             "values[thb-victims-identified][sex=male;age=child]", "values[thb-victims-identified][sex=male;age=adult]"],
            error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(ReportState.Draft, (await focal.GetReportAsync(new GetReportRequest { ReportId = draft.Id })).Report.State);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_rule_that_cannot_be_checked_because_a_cell_is_not_available_is_said_in_words(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var values = ValidValues().Select(v => v.CategoryKey == "sex=female;age=child" && v.ElementId == "dv-cases-reported"
            ? Marked("dv-cases-reported", ValueState.NotAvailable, "sex=female;age=child") : v).ToList();

        var submitted = await world.FileAsync(StationA, MonthsAgo(1), values, approve: false);

        Assert.Equal(ReportState.Submitted, submitted.State);
        var note = Assert.Single(submitted.Warnings);
        Assert.Equal("Rule dv-victims-by-sex-and-age-add-up (Domestic violence cases by victim sex and age group add up to the cases reported) " +
            "was not checked: dv-cases-reported [sex=female;age=child] is not available.", note);
    }
}
