package core.fleet;

/** The protocol a node speaks natively. */
public enum NodeType {
    /** An Ollama server: native {@code /api} routes plus its {@code /v1} layer. */
    OLLAMA,
    /** An OpenAI-compatible server (vLLM, llama.cpp, LM Studio): {@code /v1} routes only. */
    OPENAI,
    /** Not configured: the first successful probe decides between the two, once. */
    AUTO
}
