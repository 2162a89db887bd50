using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HajDesk.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a running app or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HajDeskDbContext>
{
    public HajDeskDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<HajDeskDbContext>()
        .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
        .Options);
}
