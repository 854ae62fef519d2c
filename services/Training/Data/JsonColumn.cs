using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Training.Data;

/// <summary>
/// Small lists that are always read with their owner (modules, mandates, trainers, days attended) are kept as a JSON
/// text column: the same on SQLite and PostgreSQL, and never queried inside.
/// </summary>
internal static class JsonColumn
{
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
            s => JsonSerializer.Deserialize<List<T>>(s, JsonSerializerOptions.Web) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!));
        property.IsRequired();
        return property;
    }
}
