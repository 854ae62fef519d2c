extern alias StructureApp;

using GenderArchitecture.Identity.Accounts;
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
