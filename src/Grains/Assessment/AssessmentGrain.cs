namespace StationNet.Grains.Assessment;

[GenerateSerializer]
public sealed class AssessmentState
{
    [Id(0)] public AssessmentSettings? Settings { get; set; }
}

/// <summary>A network's assessment settings for one year, keyed "{networkId}/{year}"; the defaults until an administrator sets them.</summary>
public interface IAssessmentGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<AssessmentSettings> Get();

    Task<AssessmentSettings> Set(AssessmentSettings settings);
}

public sealed class AssessmentGrain(
    [PersistentState("assessment", "networks")] IPersistentState<AssessmentState> state) : Grain, IAssessmentGrain
{
    public static string Key(string networkId, int year) => $"{networkId}/{year}";

    public Task<AssessmentSettings> Get() => Task.FromResult(state.State.Settings ?? AssessmentRules.Default);

    public async Task<AssessmentSettings> Set(AssessmentSettings settings)
    {
        state.State.Settings = settings with { IsDefault = false, Criteria = settings.Criteria.ToArray(), Stars = settings.Stars.ToArray() };
        await state.WriteStateAsync();
        return state.State.Settings;
    }
}
