namespace Rockstor.Domain.Dashboard.Forecast;

public enum ForecastKind
{
    /// <summary>Fewer than two samples, or they span less than <see cref="FillForecast.MinimumSpan"/>.</summary>
    NotEnoughHistory,

    /// <summary>The pool's use is flat or shrinking (or grows so slowly that it would take more than <see cref="FillForecast.Horizon"/>).</summary>
    NotFilling,

    /// <summary>At the fitted growth the pool is full at <see cref="FillForecast.FullAt"/>.</summary>
    Filling,
}
