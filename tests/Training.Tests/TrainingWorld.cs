extern alias StructureApp;

using System.Net.Sockets;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.Data;
using GenderArchitecture.Training.V1;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.Training.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Lets a test cut the line to Structure: while down, every call fails as a refused connection would.</summary>
public sealed class SwitchableHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public bool Down { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Down
            ? throw new HttpRequestException("Connection refused (127.0.0.1:5101)", new SocketException((int)SocketError.ConnectionRefused))
            : base.SendAsync(request, cancellationToken);
}

/// <summary>
/// The real Structure service and the Training service, each in-process on its own database of the given kind,
/// Training calling Structure over the test server's handler. The clock of Training is a <see cref="FakeClock"/>.
/// </summary>
public sealed class TrainingWorld : IAsyncDisposable
{
    public const string Station = "kp-test-station";

    private TrainingWorld(GrpcServiceApp<StructureApp::Program> structure, GrpcServiceApp<Program> training, FakeClock clock, SwitchableHandler line)
    {
        StructureApp = structure;
        TrainingApp = training;
        Clock = clock;
        Line = line;
        StructureAdmin = new StructureService.StructureServiceClient(structure.CreateChannel(TestTokens.Administrator()));
    }

    public GrpcServiceApp<StructureApp::Program> StructureApp { get; }
    public GrpcServiceApp<Program> TrainingApp { get; }
    public FakeClock Clock { get; }
    public SwitchableHandler Line { get; }
    public StructureService.StructureServiceClient StructureAdmin { get; }
    public DateOnly Today => Clock.Today;

    public static async Task<TrainingWorld> StartAsync(DatabaseKind kind, bool demo = false)
    {
        var settings = new Dictionary<string, string?> { ["Seeds:Demo"] = demo ? "true" : "false" };
        var structure = await GrpcServiceApp<StructureApp::Program>.StartAsync("Structure", kind, settings);
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var line = new SwitchableHandler(structure.Server.CreateHandler());
        // A short circuit-breaker pause, so a test can bring Structure back and go on.
        var trainingSettings = new Dictionary<string, string?>(settings) { ["Services:Structure:BreakDuration"] = "00:00:00.5" };
        var training = await GrpcServiceApp<Program>.StartAsync("Training", kind, trainingSettings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            // The service's own token for Structure is minted on the real clock, which Structure checks it against.
            services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<SuiteAuthOptions>(), TimeProvider.System, sp.GetRequiredService<IHostEnvironment>()));
            services.AddHttpClient("Structure").ConfigurePrimaryHttpMessageHandler(() => line);
        });
        var world = new TrainingWorld(structure, training, clock, line);
        if (!demo)
        {
            await world.StructureAdmin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
            {
                Id = Station, Name = "Test station", Kind = OrganisationUnitKind.Station, ParentId = "kp", OpenedOn = "2005-01-01",
            });
        }
        return world;
    }

    public TrainingService.TrainingServiceClient Client(string role = SuiteRoles.TrainingOfficer, string? institution = "kp") =>
        new(TrainingApp.CreateChannel(TestTokens.For(role, institution: role == SuiteRoles.TrainingOfficer ? institution : null)));

    public TrainingService.TrainingServiceClient Anonymous() => new(TrainingApp.CreateChannel(token: null));

    public async Task<Person> AddOfficerAsync(string serviceNumber, Sex sex = Sex.Female, string rank = "officer", string institution = "kp", string? unit = null)
    {
        var response = await StructureAdmin.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = institution,
            ServiceNumber = serviceNumber,
            GivenName = sex == Sex.Female ? "Arta" : "Besnik",
            FamilyName = "Test-" + serviceNumber,
            Sex = sex,
            RankCode = rank,
            UnitId = unit ?? (institution == "kp" ? Station : institution),
            ServiceStart = "2005-06-01",
        });
        return response.Person;
    }

    /// <summary>Records a historic completion through the CSV import (as a training department would).</summary>
    public Task ImportAsync(string curriculumCode, DateOnly completedOn, params string[] serviceNumbers) =>
        ImportForAsync("kp", curriculumCode, completedOn, serviceNumbers);

    public async Task ImportForAsync(string institution, string curriculumCode, DateOnly completedOn, params string[] serviceNumbers)
    {
        var csv = "service_number,curriculum,completion_date,result\n" +
            string.Join("\n", serviceNumbers.Select(n => $"{n},{curriculumCode},{completedOn:yyyy-MM-dd},pass"));
        var response = await Client(SuiteRoles.Administrator).ImportCompletionsAsync(new ImportCompletionsRequest { InstitutionId = institution, Csv = csv });
        Assert.Empty(response.Errors);
        Assert.Equal(serviceNumbers.Length, response.CertificatesCreated);
    }

    public async Task<Curriculum> CurriculumAsync(string code) =>
        (await Client().ListCurriculaAsync(new ListCurriculaRequest { Code = code })).Curricula.Single();

    /// <summary>A trainer with a valid training-of-trainers certificate and a session of the five-day course led by them.</summary>
    public async Task<Session> SessionAsync(DateOnly start, int days = 5, int capacity = 25, string trainer = "T-001")
    {
        await AddOfficerAsync(trainer, Sex.Male, "captain");
        await ImportAsync("kp-gender-tot", start.AddMonths(-6), trainer);
        var curriculum = await CurriculumAsync("kp-gender-5day");
        var request = new CreateSessionRequest
        {
            CurriculumId = curriculum.Id, InstitutionId = "kp", Location = "Vushtrri", Capacity = capacity,
            StartDate = start.ToString("yyyy-MM-dd"), EndDate = start.AddDays(days - 1).ToString("yyyy-MM-dd"),
        };
        request.TrainerServiceNumbers.Add(trainer);
        return (await Client().CreateSessionAsync(request)).Session;
    }

    public async Task<int> CountAsync(Func<TrainingDbContext, IQueryable<object>> query)
    {
        await using var scope = TrainingApp.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<TrainingDbContext>()).Count();
    }

    public async ValueTask DisposeAsync()
    {
        await TrainingApp.DisposeAsync();
        await StructureApp.DisposeAsync();
    }
}
