extern alias StructureApp;

using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.Identity.Tokens;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GenderArchitecture.Identity.Tests;

/// <summary>
/// Scopes follow the register: the identity service asks the real Structure service (in-process, over its test
/// server's handler, with the identity service's own service token) for the person's dated appointments.
/// </summary>
public sealed class RegisterScopeTests
{
    private const string Password = "a long enough passphrase for the register test";
    private const string Station = "kp-station-peja";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Ending_a_focal_points_appointment_removes_the_station_scope_at_the_next_token_refresh(DatabaseKind kind)
    {
        await using var structure = await GrpcServiceApp<StructureApp::Program>.StartAsync("Structure", kind,
            new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var register = new StructureService.StructureServiceClient(structure.CreateChannel(TestTokens.Administrator()));
        var person = (await register.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = "kp", ServiceNumber = "ID-FP-1", GivenName = "Given", FamilyName = "Focal", Sex = Sex.Female,
            RankCode = "officer", UnitId = Station, ServiceStart = "2010-01-01",
        })).Person;
        var appointment = (await register.AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = Station, PersonId = person.Id, StartOn = "2020-01-01",
        })).Appointment;

        await using var identity = await IdentityApp.StartAsync(kind, settings: new()
        {
            ["Services:Structure:Address"] = "http://structure.test",
            ["Auth:Issuer"] = TestTokens.Options.Issuer,
            ["Auth:SigningKey"] = TestTokens.Options.SigningKey,
        }, configureServices: services => services.AddHttpClient("Structure").ConfigurePrimaryHttpMessageHandler(() => structure.Server.CreateHandler()));
        await identity.CreateAccountAsync("focal@example.org", SuiteRoles.FocalPoint, Password, units: ["kp-station-stored"], personId: person.Id);
        var browser = new SignInClient(identity);
        var signedIn = await browser.SignInAsync("focal@example.org", Password);

        await register.EndFocalPointAppointmentAsync(new EndFocalPointAppointmentRequest
        {
            Id = appointment.Id, EndOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), ExpectedVersion = appointment.Version,
        });
        var refreshed = await browser.RefreshAsync(signedIn.RefreshToken);

        Assert.Equal([Station], Units(signedIn.Access));
        Assert.Null(refreshed.Error);
        Assert.Empty(Units(refreshed.Access));
        Assert.Equal(SuiteRoles.FocalPoint, refreshed.Access.GetClaim(SuiteClaims.Role).Value);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_access_token_does_not_outlive_the_appointment_its_station_scope_comes_from(DatabaseKind kind)
    {
        await using var structure = await GrpcServiceApp<StructureApp::Program>.StartAsync("Structure", kind,
            new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var register = new StructureService.StructureServiceClient(structure.CreateChannel(TestTokens.Administrator()));
        var person = (await register.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = "kp", ServiceNumber = "ID-FP-2", GivenName = "Given", FamilyName = "Focal", Sex = Sex.Female,
            RankCode = "officer", UnitId = Station, ServiceStart = "2010-01-01",
        })).Person;
        // The appointment ends at the end of today (its end date, tomorrow, is the first day it no longer holds).
        var endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        await register.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = Station, PersonId = person.Id, StartOn = "2020-01-01", EndOn = endsOn.ToString("yyyy-MM-dd") });

        // Tokens would otherwise live two days, past the appointment's end whatever the hour.
        await using var identity = await IdentityApp.StartAsync(kind, settings: new()
        {
            ["Services:Structure:Address"] = "http://structure.test",
            ["Auth:Issuer"] = TestTokens.Options.Issuer,
            ["Auth:SigningKey"] = TestTokens.Options.SigningKey,
            ["Identity:AccessTokenLifetime"] = "2.00:00:00",
        }, configureServices: services => services.AddHttpClient("Structure").ConfigurePrimaryHttpMessageHandler(() => structure.Server.CreateHandler()));
        await identity.CreateAccountAsync("ending@example.org", SuiteRoles.FocalPoint, Password, units: [], personId: person.Id);
        var browser = new SignInClient(identity);
        var signedIn = await browser.SignInAsync("ending@example.org", Password);
        var refreshed = await browser.RefreshAsync(signedIn.RefreshToken);

        var end = endsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.Equal([Station], Units(signedIn.Access));
        Assert.Null(refreshed.Error);
        Assert.InRange(signedIn.Access.ValidTo, DateTime.UtcNow, end);
        Assert.InRange(refreshed.Access.ValidTo, DateTime.UtcNow, end);
    }

    [Fact]
    public void A_scope_with_no_change_ahead_keeps_the_usual_lifetime_and_one_ending_sooner_is_cut_short_of_the_clock_skew()
    {
        var now = new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.Zero);
        var usual = TimeSpan.FromMinutes(10);

        Assert.Null(TokenPrincipals.CappedLifetime(new AccountScope(["s"], null), usual, now));
        Assert.Null(TokenPrincipals.CappedLifetime(new AccountScope(["s"], null, new DateOnly(2026, 3, 12)), usual, now));
        Assert.Equal(TimeSpan.FromMinutes(60) - AuthenticationExtensions.ClockSkew,
            TokenPrincipals.CappedLifetime(new AccountScope(["s"], null, new DateOnly(2026, 3, 11)), TimeSpan.FromHours(8), now));
        Assert.Equal(TimeSpan.FromSeconds(1), TokenPrincipals.CappedLifetime(new AccountScope(["s"], null, new DateOnly(2026, 3, 11)), usual, now.AddMinutes(60)));
    }

    [Fact]
    public void Each_role_takes_its_own_part_of_the_registers_answer()
    {
        var answer = new GetPersonScopesResponse { InService = true, FocalPointUnitIds = { "kp-s" }, ReviewerUnitIds = { "kp-r" }, TrainingOfficerInstitutionIds = { "kp" } };

        Assert.Equal(("kp-s", null), Parts(RegisterScopeClaims.ScopeFor(SuiteRoles.FocalPoint, answer)));
        Assert.Equal(("kp-r", null), Parts(RegisterScopeClaims.ScopeFor(SuiteRoles.Reviewer, answer)));
        Assert.Equal(("", "kp"), Parts(RegisterScopeClaims.ScopeFor(SuiteRoles.TrainingOfficer, answer)));
        Assert.Equal(("", null), Parts(RegisterScopeClaims.ScopeFor(SuiteRoles.FocalPoint, new GetPersonScopesResponse { InService = false })));
    }

    private static (string Units, string? Institution) Parts(AccountScope scope) => (string.Join(' ', scope.Units), scope.Institution);

    private static string[] Units(JsonWebToken token) => [.. token.Claims.Where(c => c.Type == SuiteClaims.Unit).Select(c => c.Value)];
}
