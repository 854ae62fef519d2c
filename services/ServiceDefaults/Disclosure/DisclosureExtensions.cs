using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.ServiceDefaults.Disclosure;

public static class DisclosureExtensions
{
    /// <summary>The development key in appsettings.Development.json: refused in any other environment.</summary>
    internal const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1kaXNjbG9zdXJlLWtleS1ub3QtYS1zZWNyZXQtMDEyMw==";

    /// <summary>
    /// Registers <see cref="DisclosureControl"/> from <c>Disclosure:Threshold</c> (default 5) and <c>Disclosure:Key</c>
    /// (base64, at least 32 bytes; a secret: whoever holds it can undo the rounding). There is no default key: a
    /// start without one fails and says what to set, and the development key is refused outside Development.
    /// </summary>
    public static IHostApplicationBuilder AddDisclosureControl(this IHostApplicationBuilder builder)
    {
        var threshold = builder.Configuration.GetValue("Disclosure:Threshold", 5);
        var key = builder.Configuration["Disclosure:Key"];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException(
                "Disclosure:Key is not set. Set it (environment variable Disclosure__Key) to a secret of at least 32 random bytes, " +
                "base64-encoded, e.g. `openssl rand -base64 48`; every process that publishes statistics needs it.");
        }
        if (key == DevelopmentKey && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Disclosure:Key is the development key, which is public; set a secret key for the '{builder.Environment.EnvironmentName}' environment.");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Disclosure:Key must be base64 (e.g. `openssl rand -base64 48`).");
        }
        if (bytes.Length < 32) throw new InvalidOperationException("Disclosure:Key must decode to at least 32 bytes.");
        if (threshold < 2) throw new InvalidOperationException("Disclosure:Threshold must be at least 2.");

        builder.Services.AddSingleton(new DisclosureControl(new SmallCountRounding(bytes, threshold)));
        return builder;
    }
}
