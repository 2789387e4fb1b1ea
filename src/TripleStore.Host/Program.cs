// Placeholder entry point; the host is built in the module/host work item.
return 0;
