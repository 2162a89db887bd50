namespace HajDesk.EndToEndTests;
