import { homeAssistantSuite } from "./homeAssistantSuite";

homeAssistantSuite("debian-13");
