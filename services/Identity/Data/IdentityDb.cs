using GenderArchitecture.Identity.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using GenderArchitecture.ServiceDefaults.Audit;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Identity.Data;

/// <summary>
/// Accounts (ASP.NET Core Identity) and OpenIddict's applications, authorizations and tokens, with the suite's
/// append-only audit log (which account changed which properties, never the values).
/// </summary>
public class IdentityDb(DbContextOptions options) : IdentityDbContext<Account>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.AddAuditLog();
        builder.Entity<Account>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(200);
            account.Property(a => a.Role).HasMaxLength(40);
            account.Property(a => a.PersonId).HasMaxLength(64);
            account.Property(a => a.StoredUnits).HasMaxLength(4000);
            account.Property(a => a.StoredInstitution).HasMaxLength(64);
            account.Ignore(a => a.Units);
            account.HasIndex(a => a.PersonId);
        });
    }
}
