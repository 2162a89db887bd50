namespace HajDesk.Web.Tests;
