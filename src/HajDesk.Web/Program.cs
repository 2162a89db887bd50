var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "HajDesk");
app.Run();
