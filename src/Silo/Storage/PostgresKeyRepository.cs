using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace StationNet.Silo.Storage;

/// <summary>Keeps ASP.NET Core's data-protection key ring in PostgreSQL, shared by every silo of the cluster.</summary>
public sealed class PostgresKeyRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("SELECT xml FROM stationnet_data_protection_keys ORDER BY created_at");
        using var reader = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("INSERT INTO stationnet_data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        cmd.Parameters.Add(new() { Value = friendlyName });
        cmd.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }
}
