package dev.tasker.core.engine;

/** No registered template matches a task request. */
public class TemplateNotFoundException extends RuntimeException {

    public TemplateNotFoundException(String namespace, String name, String version) {
        super("no template " + namespace + "/" + name + (version == null ? "" : "@" + version)
                + " is registered; see GET /v1/templates for the ones that are");
    }
}
