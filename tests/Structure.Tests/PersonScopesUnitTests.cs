using GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Tests;

/// <summary>The pure rule behind GetPersonScopes: which grants count on a date, and when the answer next changes.</summary>
public sealed class PersonScopesUnitTests
{
    private static readonly DateOnly Jan1 = new(2024, 1, 1);
    private static readonly OrganisationUnit Kp = new("kp", "KP", OrganisationUnitKind.Institution, null, new(2000, 1, 1), InstitutionType.Police);
    private static readonly OrganisationUnit Region = new("kp-r", "Region", OrganisationUnitKind.Region, Kp, new(2000, 1, 1));
    private static readonly OrganisationUnit Station = new("kp-s", "Station", OrganisationUnitKind.Station, Region, new(2000, 1, 1));

    private static Person Officer() => new(Guid.NewGuid(), "kp", "S-1", "Given", "Family", Sex.Female, "officer", null, "kp-s", new(2010, 1, 1), null);

    private static OrganisationTree Tree(params OrganisationUnit[] extra) => new([Kp, Region, Station, .. extra], []);

    [Fact]
    public void A_grant_holds_from_its_start_up_to_the_day_before_its_end()
    {
        var grants = new[] { new Grant(GrantKind.FocalPoint, "kp-s", Jan1, Jan1.AddDays(10)) };

        Assert.Empty(PersonScopes.On(Jan1.AddDays(-1), Officer(), Tree(), grants).UnitsOf(GrantKind.FocalPoint));
        Assert.Equal(["kp-s"], PersonScopes.On(Jan1, Officer(), Tree(), grants).UnitsOf(GrantKind.FocalPoint));
        Assert.Equal(["kp-s"], PersonScopes.On(Jan1.AddDays(9), Officer(), Tree(), grants).UnitsOf(GrantKind.FocalPoint));
        Assert.Empty(PersonScopes.On(Jan1.AddDays(10), Officer(), Tree(), grants).UnitsOf(GrantKind.FocalPoint));
    }

    [Fact]
    public void The_next_change_is_the_earliest_start_or_end_after_the_date()
    {
        var grants = new[]
        {
            new Grant(GrantKind.Reviewer, "kp-r", Jan1, Jan1.AddDays(30)),
            new Grant(GrantKind.TrainingOfficer, "kp", Jan1.AddDays(20), null),
            new Grant(GrantKind.FocalPoint, "kp-s", new(2020, 1, 1), Jan1),
        };

        var scopes = PersonScopes.On(Jan1.AddDays(5), Officer(), Tree(), grants);

        Assert.Equal(["kp-r"], scopes.UnitsOf(GrantKind.Reviewer));
        Assert.Empty(scopes.UnitsOf(GrantKind.FocalPoint));
        Assert.Equal(Jan1.AddDays(20), scopes.NextChangeOn);
    }

    [Fact]
    public void A_grant_to_an_unknown_or_closed_unit_counts_for_nothing_and_nothing_counts_out_of_service()
    {
        var closed = new OrganisationUnit("kp-closed", "Closed", OrganisationUnitKind.Station, Region, new(2000, 1, 1));
        closed.Close(Jan1);
        var person = Officer();
        person.EndService(Jan1.AddDays(100));
        var grants = new[]
        {
            new Grant(GrantKind.FocalPoint, "kp-closed", new(2020, 1, 1), null),
            new Grant(GrantKind.FocalPoint, "nowhere", new(2020, 1, 1), null),
            new Grant(GrantKind.Reviewer, "kp-r", new(2020, 1, 1), null),
        };

        var open = PersonScopes.On(Jan1.AddDays(1), person, Tree(closed), grants);
        var retired = PersonScopes.On(Jan1.AddDays(100), person, Tree(closed), grants);

        Assert.Empty(open.UnitsOf(GrantKind.FocalPoint));
        Assert.Equal((true, Jan1.AddDays(100)), (open.InService, open.NextChangeOn));
        Assert.False(retired.InService);
        Assert.Empty(retired.UnitsOf(GrantKind.Reviewer));
    }
}
