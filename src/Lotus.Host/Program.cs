// Composition root: placeholder until the host lands.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
await app.RunAsync();
