using Rockstor.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRockstorWeb();

var app = builder.Build();
app.UseRockstorWeb();
await app.RunAsync();

/// <summary>The web host's entry point, named so tests can find the assembly.</summary>
public partial class Program;
