using StationNet.Silo.Hosting;
using StationNet.Silo.Sample;
using StationNet.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddStationNetSilo();
builder.AddStationNetObservability();
builder.Services.AddStationNetWeb(builder.Configuration);
builder.AddStationNetSample();

var app = builder.Build();
app.MapStationNet();
app.MapStationNetObservability();
app.Run();

/// <summary>The entry point, visible to the tests' application factory.</summary>
public partial class Program;
