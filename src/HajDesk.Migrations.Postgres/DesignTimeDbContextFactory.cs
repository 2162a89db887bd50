using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HajDesk.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running app or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HajDeskDbContext>
{
    public HajDeskDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<HajDeskDbContext>()
        .UseNpgsql("Host=localhost;Database=hajdesk_design", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
        .Options);
}
