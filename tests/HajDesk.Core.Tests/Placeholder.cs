namespace HajDesk.Core.Tests;
