package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.handler.StepResult;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypeScriptHandlersTest {

    private static Path dir;
    private static Path cache;
    private static Engine engine;
    private static TypeScriptCompiler compiler;
    private static JsRuntime ts;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("ts-handlers");
        cache = Files.createTempDirectory("ts-cache");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/pricing.ts"), """
                export interface Line { sku: string; quantity: number; unitCents: number }
                export enum Currency { EUR = 'EUR', USD = 'USD' }
                export function totalCents(lines: Line[]): number {
                  return lines.reduce((sum: number, l: Line) => sum + l.quantity * l.unitCents, 0);
                }
                """);
        Files.writeString(dir.resolve("lib/tax.ts"), "export const rate: number = 0.25;\n");
        Files.writeString(dir.resolve("order.ts"), """
                import { StepHandler } from '@tasker-systems/tasker';
                import type { StepContext } from '@tasker-systems/tasker';
                import { totalCents, Currency, type Line } from './lib/pricing.js';
                import { rate } from './lib/tax';

                interface Priced { total_cents: number; tax_cents: number; currency: Currency }

                export class PriceOrder extends StepHandler {
                  static handlerName = 'price_order';

                  async call(context: StepContext): Promise<unknown> {
                    const lines = context.getInput('lines') as Line[];
                    const total: number = totalCents(lines);
                    const priced: Priced = { total_cents: total, tax_cents: Math.round(total * rate), currency: Currency.EUR };
                    return this.success(priced);
                  }
                }
                """);
        Files.writeString(dir.resolve("broken.ts"), "export class Broken {\n  call(: number) { return 1; }\n}\n");
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        compiler = new TypeScriptCompiler(engine, cache);
        ts = new JsRuntime(engine, List.of(dir.resolve("order.ts"), dir.resolve("broken.ts")), List.of(dir), 1, compiler);
    }

    @AfterAll
    static void close() {
        ts.close();
        compiler.close();
        engine.close();
    }

    private static JsonNode price(JsRuntime runtime) throws Exception {
        return ((StepResult.Success) new GuestHandlers(runtime).resolve("ts:price_order").orElseThrow()
                .call(FakeContext.of("{\"lines\": [{\"sku\": \"A\", \"quantity\": 2, \"unitCents\": 1250},"
                        + " {\"sku\": \"B\", \"quantity\": 1, \"unitCents\": 500}]}"))).result();
    }

    @Test
    void interfacesEnumsImportTypeAndRelativeTypeScriptImportsRun() throws Exception {
        JsonNode priced = price(ts);

        assertThat(priced.get("total_cents").asInt()).isEqualTo(3000);
        assertThat(priced.get("tax_cents").asInt()).isEqualTo(750);
        assertThat(priced.get("currency").asText()).isEqualTo("EUR");
        assertThat(ts.handlerNames()).contains("PriceOrder", "price_order");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThat(ts.loadErrors()).singleElement().asString().startsWith(dir.resolve("broken.ts") + ":2: SyntaxError: ");
    }

    @Test
    void aSecondStartWithUnchangedFilesNeverLoadsTheCompiler() throws Exception {
        assertThat(compiler.compilerLoads()).isEqualTo(1);
        try (TypeScriptCompiler again = new TypeScriptCompiler(engine, cache);
             JsRuntime restarted = new JsRuntime(engine, List.of(dir.resolve("order.ts")), List.of(dir), 1, again)) {
            assertThat(price(restarted).get("total_cents").asInt()).isEqualTo(3000);
            assertThat(again.compilerLoads()).isZero();
        }
    }
}
