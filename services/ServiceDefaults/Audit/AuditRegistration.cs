using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenderArchitecture.ServiceDefaults.Audit;

public static class AuditRegistration
{
    /// <summary>The audit of a service whose database is <typeparamref name="TContext"/> (called by AddServiceDatabase).</summary>
    public static IServiceCollection AddAudit<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<AuditChangesInterceptor>();
        services.TryAddScoped(sp => new AuditDatabase(sp.GetRequiredService<TContext>()));
        return services;
    }
}
