using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>Issuer, audience and key of the suite's tokens (section <c>Auth</c>).</summary>
public sealed class SuiteAuthOptions
{
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HMAC-SHA256 key, at least 32 bytes. Ignored when <see cref="Authority"/> is set.</summary>
    public string SigningKey { get; set; } = "";
    /// <summary>An OpenID Connect authority whose published keys sign the tokens (production identity provider).</summary>
    public string? Authority { get; set; }

    public SymmetricSecurityKey GetSigningKey()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication with signature, algorithm, issuer, audience and lifetime checked, for the gateway
    /// and each service alike (the services check the forwarded token again: defence in depth).
    /// </summary>
    public static IHostApplicationBuilder AddSuiteAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Auth").Get<SuiteAuthOptions>() ?? new SuiteAuthOptions();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidOperationException("Auth:Issuer and Auth:Audience must be configured.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                if (!string.IsNullOrWhiteSpace(options.Authority)) jwt.Authority = options.Authority;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = string.IsNullOrWhiteSpace(options.Authority) ? options.GetSigningKey() : null,
                    ValidAlgorithms = string.IsNullOrWhiteSpace(options.Authority)
                        ? [SecurityAlgorithms.HmacSha256]
                        : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = SuiteClaims.Name,
                    RoleClaimType = SuiteClaims.Role,
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
