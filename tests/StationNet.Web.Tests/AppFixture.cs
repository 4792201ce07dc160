using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The real app on the embedded default, shared by the tests of one class.</summary>
public sealed class AppFixture() : StationNetApp();
