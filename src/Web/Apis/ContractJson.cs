using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StationNet.Grains.Live;

namespace StationNet.Web.Apis;

/// <summary>
/// Serialization code made at build time for what a tablet and a wall exchange most (a tap, its answer, a change
/// batch): no reflection and fewer allocations per request. Placed first in the HTTP and hub JSON options, so every
/// other type still goes through the reflection resolver after it, with the same web defaults.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = false)]
[JsonSerializable(typeof(EventBody))]
[JsonSerializable(typeof(EventReply))]
[JsonSerializable(typeof(EventBatchBody))]
[JsonSerializable(typeof(EventBatchReply))]
[JsonSerializable(typeof(VoidReply))]
[JsonSerializable(typeof(StationView))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(LiveChanges))]
[JsonSerializable(typeof(LiveSnapshot))]
public sealed partial class ContractJson : JsonSerializerContext;
