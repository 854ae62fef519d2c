using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenderArchitecture.Gateway.Hosting;

/// <summary>
/// Refuses a null item in a JSON array of objects or strings (<c>{"values":[null]}</c>): the bodies' item types are
/// never nullable, and a null that got through would fail later as a server error instead of a 400 naming the item.
/// Covers arrays and the list interfaces bodies use, for every body the gateway reads.
/// </summary>
public sealed class NoNullItemsConverter : JsonConverterFactory
{
    public override bool CanConvert(Type type) => ItemType(type) is { IsValueType: false };

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Items<,>).MakeGenericType(type, ItemType(type)!))!;

    private static Type? ItemType(Type type)
    {
        if (type.IsArray && type.GetArrayRank() == 1) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>)
            ? type.GetGenericArguments()[0] : null;
    }

    private sealed class Items<TCollection, TItem> : JsonConverter<TCollection> where TItem : class
    {
        public override TCollection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"The JSON value could not be converted to {typeof(TCollection).Name}: an array is expected.");
            var items = new List<TItem>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null) throw new JsonException($"Item {items.Count} must not be null.");
                items.Add(JsonSerializer.Deserialize<TItem>(ref reader, options)!);
            }
            return typeof(TCollection).IsArray ? (TCollection)(object)items.ToArray() : (TCollection)(object)items;
        }

        public override void Write(Utf8JsonWriter writer, TCollection value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in (IEnumerable<TItem>)value!) JsonSerializer.Serialize(writer, item, options);
            writer.WriteEndArray();
        }
    }
}
