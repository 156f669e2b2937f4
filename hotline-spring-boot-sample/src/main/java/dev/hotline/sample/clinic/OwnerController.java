package dev.hotline.sample.clinic;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The owner page, rendered with Thymeleaf. */
@Controller
class OwnerController {
    private final OwnerRepository owners;
    private final PetRepository pets;

    OwnerController(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    @GetMapping("/owners/{ownerId}")
    String show(@PathVariable("ownerId") long ownerId, Model model) {
        Owner owner = owners.findById(ownerId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("owner", owner);
        model.addAttribute("pets", pets.findByOwnerIdOrderByName(ownerId));
        model.addAttribute("visits", owners.countVisitsInHistory(ownerId)); // slow: a query that scans the visit history
        return "owner";
    }
}
