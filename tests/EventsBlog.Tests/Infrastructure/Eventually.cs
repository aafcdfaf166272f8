namespace EventsBlog.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, double timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for: {what}");
            await Task.Delay(25);
        }
    }
}
