using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// Inserts many rows of a mapped entity with one prepared statement in one transaction, reading table, columns,
/// value converters and parameter types from the DbContext's model: the demo seed and the benchmark load hundreds of
/// thousands of rows, which change tracking would make slow.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(ReportingDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        // Integer keys generated on add are identity columns the database fills; every other value is written.
        var properties = entity.GetProperties()
            .Where(p => !(p.IsKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .ToList();
        var columns = properties.Select(p => p.GetColumnName(store)!).ToList();

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            var parameters = new List<(DbParameter Parameter, IProperty Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)>();
            for (var i = 0; i < properties.Count; i++)
            {
                var mapping = (RelationalTypeMapping)properties[i].GetRelationalTypeMapping();
                var parameter = mapping.CreateParameter(command, $"@p{i}", null, properties[i].IsNullable);
                command.Parameters.Add(parameter);
                parameters.Add((parameter, properties[i], mapping.Converter));
            }

            var count = 0;
            foreach (var row in rows)
            {
                foreach (var (parameter, property, converter) in parameters)
                {
                    var value = property.GetGetter().GetClrValue(row);
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    parameter.Value = value ?? DBNull.Value;
                }
                if (count == 0) await command.PrepareAsync(cancellationToken);
                await command.ExecuteNonQueryAsync(cancellationToken);
                count++;
            }
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
                await ownTransaction.DisposeAsync();
            }
            return count;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}
