using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HajDesk.Web.Tests.Data;

/// <summary>
/// A database made by the migrations alone has every table and column the model maps. Branches that each add a
/// migration can pass their own tests and still lose a column when merged: on SQLite a migration that rebuilds a
/// table (to add a foreign key) recreates it from its own target model, dropping a column another branch's earlier
/// migration added. This is checked table by table, on both databases.
/// </summary>
public class MigrationsMatchModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FreshDatabase_HasEveryTableAndColumnOfTheModel(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);

        var missing = await app.WithDbAsync(async db =>
        {
            var gaps = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }

                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                var columns = provider == DatabaseProvider.Sqlite
                    ? await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_table_info({table})").ToListAsync()
                    : await db.Database.SqlQuery<string>(
                        $"SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {table}").ToListAsync();
                if (columns.Count == 0)
                {
                    gaps.Add($"table {table}");
                    continue;
                }

                gaps.AddRange(entity.GetProperties()
                    .Select(p => p.GetColumnName(store))
                    .OfType<string>()
                    .Where(column => !columns.Contains(column))
                    .Select(column => $"{table}.{column}"));
            }

            return gaps.Distinct().ToList();
        });

        Assert.True(missing.Count == 0, "missing after migrating a fresh database: " + string.Join(", ", missing));
    }
}
