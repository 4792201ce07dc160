using StationNet.Silo.Hosting;
using StationNet.Silo.Sample;
using StationNet.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddStationNetSilo();
builder.Services.AddStationNetWeb(builder.Configuration);
builder.AddStationNetSample();

var app = builder.Build();
app.MapStationNet();
app.Run();

/// <summary>The entry point, visible to the tests' application factory.</summary>
public partial class Program;
